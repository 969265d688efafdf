import FeedwatchMatch
import FeedwatchModel
import Foundation
import Testing

/// The region watchlist most tests use: places with a parent chain, groups with a
/// case-sensitive acronym, topics, and exclusions.
enum WatchlistFixture {
    static let entities: [Entity] = [
        Entity(
            id: "kirkuk", kind: .place, name: "Kirkuk",
            aliases: [Alias("Kerkuk"), Alias("Karkuk"), Alias("كركوك"), Alias("Kerkûk")],
            exclusions: ["Kirkuk FC"]),
        Entity(id: "dakuk", kind: .place, name: "Dakuk", aliases: [Alias("Daquq"), Alias("داقوق")], parent: "kirkuk"),
        Entity(id: "tesin", kind: .place, name: "Tes'in", aliases: [Alias("تسعين")], parent: "kirkuk"),
        Entity(id: "mosul", kind: .place, name: "Mosul", aliases: [Alias("الموصل"), Alias("Musil")]),
        Entity(
            id: "islamic-state", kind: .group, name: "Islamic State",
            aliases: [Alias("ISIS"), Alias("ISIL"), Alias("Daesh"), Alias("داعش"), Alias("IS", caseSensitive: true)]),
        Entity(id: "assad", kind: .group, name: "Assad forces", aliases: [Alias("Assad")]),
        Entity(
            id: "pmf", kind: .group, name: "Popular Mobilization Forces",
            aliases: [Alias("al-Hashd al-Shaabi"), Alias("الحشد الشعبي")]),
        Entity(id: "peshmerga", kind: .group, name: "Peshmerga", aliases: [Alias("Peshmerga", boundary: .prefix)]),
        Entity(
            id: "attack", kind: .topic, name: "attack",
            aliases: [Alias("attack"), Alias("bombing"), Alias("explosion"), Alias("هجوم")]),
        Entity(id: "sport", kind: .topic, name: "sport", aliases: [Alias("football"), Alias("match")]),
    ]

    static func watchlist(rules: [Rule] = [], exclusions: [String] = ["Mosul Dam"]) -> Watchlist {
        Watchlist(entities: entities, rules: rules, exclusions: exclusions)
    }

    static func matcher(rules: [Rule] = []) throws -> Matcher {
        try Matcher(watchlist: watchlist(rules: rules))
    }

    static let date = Date(timeIntervalSince1970: 1_760_000_000)

    static func item(_ title: String, summary: String? = nil, content: String? = nil) -> FeedItem {
        FeedItem(id: "test", title: title, summary: summary, content: content)
    }
}

extension Matcher {
    /// The entity ids matched in a title, in order.
    func entities(in title: String, at date: Date = WatchlistFixture.date) -> [String] {
        matches(inText: title, at: date).map(\.entity)
    }
}
