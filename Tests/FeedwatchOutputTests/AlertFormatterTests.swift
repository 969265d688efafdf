import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertFormatterTests {
    @Test func aLineShowsTimeSeverityRuleEntitiesTitleFeedAndLink() {
        let line = AlertFormatter(color: false).format(Fixture.alert())
        #expect(
            line
                == "2016-10-21 03:12Z HIGH     [place-and-group] Kirkuk · Islamic State — "
                + "Islamic State fighters attack Kirkuk (seed-rss) https://example.org/item-1")
    }

    @Test func withoutColourTheLineHasNoEscapeAtAll() {
        let line = AlertFormatter(color: false).format(Fixture.alert(title: "evil \u{1B}]0;owned\u{07} \u{9B}2J"))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func withColourTheOnlyEscapesAreTheFormattersOwn() {
        let line = AlertFormatter(color: true).format(Fixture.alert(title: "evil \u{1B}]0;owned\u{07} \u{1B}[2J"))
        // Every ESC starts one of our SGR sequences: ESC [ digits/semicolons m.
        let scalars = Array(line.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "\u{1B}" {
            var end = index + 2
            #expect(scalars[index + 1] == "[")
            while end < scalars.count, "0123456789;".unicodeScalars.contains(scalars[end]) { end += 1 }
            #expect(end < scalars.count && scalars[end] == "m")
        }
        #expect(line.contains("\u{1B}[1;31mHIGH\u{1B}[0m"))
        #expect(!line.unicodeScalars.contains("\u{07}"))
    }

    @Test func aTopicOnlyAlertNamesItsTopics() {
        let alert = Fixture.alert(entities: [(.topic, "attack", "attack")])
        #expect(AlertFormatter(color: false).format(alert).contains("[place-and-group] attack — "))
    }

    @Test func theDetailViewBracketsEachMatchInItsContext() {
        var alert = Fixture.alert(title: "Islamic State fighters attack Kirkuk")
        alert.matches = [
            Match(kind: .place, entity: "kirkuk", name: "Kirkuk", text: "Kirkuk", field: .title, start: 30, end: 36),
            Match(
                kind: .group, entity: "islamic-state", name: "Islamic State", text: "Islamic State", field: .title,
                start: 0, end: 13),
        ]
        alert.snippet = "… said Islamic State fighters attacked Kirkuk on Friday …"
        let detail = AlertDetail(color: false).format(alert)
        #expect(detail.contains("Title:     [Islamic State] fighters attack [Kirkuk]"))
        #expect(detail.contains("Snippet:   … said [Islamic State] fighters attacked [Kirkuk] on Friday …"))
        #expect(detail.contains("Alert:     \(alert.alertID)"))
    }
}

@Suite struct LogEventTests {
    let update = AlertUpdate(
        timestamp: Fixture.epoch.addingTimeInterval(180), alertID: Fixture.alert().alertID, sources: 3,
        source: .init(
            feed: .init(id: "other-outlet", url: "https://other.example/feed"),
            item: .init(
                id: "o-1", title: "Kirkuk attack \u{1B}[2J confirmed", link: "https://other.example/1", published: nil))
    )

    @Test func everyKindOfLineDecodesToItsEvent() throws {
        let alert = Fixture.alert()
        #expect(LogEvent.decode(AlertLine.encode(alert)) == .alert(alert))
        var expected = update.sanitized
        expected.timestamp = Fixture.epoch.addingTimeInterval(180)
        #expect(LogEvent.decode(try EventLine.encode(update.sanitized)) == .update(expected))
        #expect(
            LogEvent.decode("{\"event_type\":\"feed_health\"}")
                == .other(type: "feed_health", line: "{\"event_type\":\"feed_health\"}"))
        #expect(LogEvent.decode("garbage") == nil)
    }

    @Test func anUpdateReadsAsOneLineInTheAlertColumns() {
        let line = AlertFormatter(color: false).format(update)
        #expect(line.hasPrefix("2016-10-21 03:15Z +SOURCE  [\(update.alertID.prefix(12))] 3 sources — Kirkuk attack "))
        #expect(line.hasSuffix("(other-outlet) https://other.example/1"))
        #expect(!line.unicodeScalars.contains("\u{1B}"))
    }

    @Test func theDetailViewListsTheSources() {
        let detail = AlertDetail(color: false).format(Fixture.alert(), sources: [update])
        #expect(detail.contains("Sources: 3\n"))
        #expect(detail.contains("  other-outlet https://other.example/1 — Kirkuk attack"))
    }
}
