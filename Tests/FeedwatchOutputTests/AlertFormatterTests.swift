import FeedwatchModel
import FeedwatchOutput
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
