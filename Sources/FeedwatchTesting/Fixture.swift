import FeedwatchModel
import Foundation

/// Alerts for tests: a Kirkuk / Islamic State alert unless told otherwise.
public enum Fixture {
    public static let epoch = Date(timeIntervalSince1970: 1_477_019_520)  // 2016-10-21T03:12:00Z

    public static func alert(
        feed: String = "seed-rss", item: String = "item-1", rule: String = "place-and-group",
        title: String = "Islamic State fighters attack Kirkuk", severity: Severity = .high,
        at time: Date = epoch,
        entities: [(EntityKind, String, String)] = [
            (.place, "kirkuk", "Kirkuk"), (.group, "islamic-state", "Islamic State"),
        ]
    ) -> Alert {
        Alert(
            timestamp: time, alertID: Alert.id(feed: feed, item: item, rule: rule), severity: severity, rule: rule,
            feed: .init(id: feed, url: "file:///seeds/\(feed).xml"),
            item: .init(id: item, title: title, link: "https://example.org/\(item)", published: time),
            matches: entities.map { kind, id, name in
                Match(kind: kind, entity: id, name: name, text: name, field: .title, start: 0, end: name.count)
            },
            snippet: title
        )
    }
}
