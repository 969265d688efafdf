import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertLineTests {
    @Test func anAlertLineHasTheContractKeysInAFixedOrder() throws {
        let line = AlertLine.encode(Fixture.alert())
        #expect(line.hasPrefix("{\"timestamp\":\"2016-10-21T03:12:00Z\",\"event_type\":\"alert\",\"alert_id\":\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "timestamp", "event_type", "alert_id", "severity", "rule", "feed", "item", "matches", "snippet",
            ])
        let item = try #require(object["item"] as? [String: Any])
        #expect(Set(item.keys) == ["id", "title", "link", "published"])
        let match = try #require((object["matches"] as? [[String: Any]])?.first)
        #expect(Set(match.keys) == ["kind", "entity", "name", "text", "field", "start", "end"])
        #expect(!line.contains("\n"))
    }

    @Test func anAlertLineDecodesToTheSameAlert() throws {
        let alert = Fixture.alert(title: "Peshmerga \"hold\" \\ Kirkuk / كركوك")
        #expect(AlertLine.decode(AlertLine.encode(alert)) == alert)
    }

    @Test func missingOptionalFieldsAreWrittenAsNull() throws {
        var alert = Fixture.alert()
        alert.item.title = nil
        alert.item.published = nil
        let line = AlertLine.encode(alert)
        #expect(line.contains("\"title\":null"))
        #expect(line.contains("\"published\":null"))
        #expect(AlertLine.decode(line) == alert)
    }

    @Test func linesOfOtherEventTypesOrNotJSONDoNotDecodeAsAlerts() {
        #expect(AlertLine.decode("{\"event_type\":\"feed_health\",\"feed\":\"x\"}") == nil)
        #expect(AlertLine.decode("not json") == nil)
        #expect(AlertLine.eventType(of: "{\"event_type\":\"feed_health\"}") == "feed_health")
    }

    /// Each of these, raw in a log line, acts on a terminal or splits the line when printed.
    @Test(arguments: [
        ("ESC (C0)", "\u{1B}[2J"), ("BEL", "\u{07}"), ("DEL", "\u{7F}"), ("CSI (C1)", "\u{9B}31m"),
        ("NEL (C1)", "\u{85}"), ("RLO", "\u{202E}"), ("LRI", "\u{2066}"), ("line separator", "\u{2028}"),
        ("paragraph separator", "\u{2029}"), ("newline", "\n"), ("carriage return", "\r"),
    ])
    func noUnsafeCharacterAppearsRawInALine(name: String, hostile: String) throws {
        var alert = Fixture.alert(title: "Kirkuk \(hostile) attack")
        alert.snippet = "before \(hostile) after"
        alert.feed.id = "feed\(hostile)"
        alert.matches[0].text = "Kirkuk\(hostile)"
        let line = AlertLine.encode(alert)
        #expect(
            !line.unicodeScalars.contains { scalar in
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || [0x202E, 0x2066, 0x2028, 0x2029].contains(scalar.value)
            }, "\(name) raw in \(line.debugDescription)")
        let decoded = try #require(AlertLine.decode(line))
        #expect(decoded.item.title?.hasPrefix("Kirkuk ") == true)
    }

    @Test func otherEventsAreEncodedWithSortedKeysAndSafeText() throws {
        struct FeedHealth: Encodable {
            var eventType = "feed_health"
            var timestamp = Fixture.epoch
            var message = "bad \u{202E} thing \u{85}"
            enum CodingKeys: String, CodingKey {
                case eventType = "event_type"
                case timestamp, message
            }
        }
        let line = try EventLine.encode(FeedHealth())
        #expect(
            line
                == "{\"event_type\":\"feed_health\",\"message\":\"bad \\u202e thing \\u0085\",\"timestamp\":\"2016-10-21T03:12:00Z\"}"
        )
    }

    /// Event lines are not sanitized (only escaped): the escapes must keep each value intact,
    /// and leave the neighbours of the escaped characters (NBSP, ‰, superscript zero) alone.
    @Test func escapingKeepsTheValueAndTouchesOnlyUnsafeCharacters() throws {
        struct Note: Encodable { var text: String }
        let text =
            "a\u{9F}b\u{A0}c\u{80}d\u{61C}e\u{200E}\u{200F}f\u{2028}\u{2029}\u{202A}\u{202E}g\u{2030}"
            + "\u{2066}\u{2069}h\u{2070}\u{7F}كركوك"
        let line = try EventLine.encode(Note(text: text))
        let unsafe: Set<UInt32> = [
            0x9F, 0x80, 0x61C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E, 0x2066, 0x2069, 0x7F,
        ]
        #expect(!line.unicodeScalars.contains { unsafe.contains($0.value) })
        for kept in ["\u{A0}", "\u{2030}", "\u{2070}", "كركوك"] { #expect(line.contains(kept)) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["text"] == text)
    }

    @Test(arguments: [
        ("2016-10-21T03:12:00Z", 1_477_019_520.0), ("2016-10-21T03:12:00.5Z", 1_477_019_520.5),
        ("2016-10-21t06:12:00+03:00", 1_477_019_520.0), ("2016-10-20 22:12:00-05:00", 1_477_019_520.0),
    ])
    func rfc3339DatesParse(text: String, seconds: Double) {
        #expect(RFC3339.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "2016-10-21", "2016-13-21T03:12:00Z", "2016-10-21T03:12:00", "2016-10-21T03:12:00Zjunk"])
    func malformedDatesDoNotParse(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
