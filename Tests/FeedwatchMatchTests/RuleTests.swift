import FeedwatchMatch
import FeedwatchModel
import Foundation
import Testing

/// Rule conditions: operators, precedence, parents, proximity (issue 5, "Watchlists").
struct RuleTests {
    private func firing(_ when: String, _ title: String, proximity: Rule.Proximity? = nil) throws -> Bool {
        let rule = Rule(id: "r", when: when, severity: .high, proximity: proximity)
        let matcher = try WatchlistFixture.matcher(rules: [rule])
        return !matcher.evaluate(WatchlistFixture.item(title), at: WatchlistFixture.date).isEmpty
    }

    @Test(
        "Each operator and term combines as written",
        arguments: [
            ("place and group", "ISIS attack in Kirkuk", true),
            ("place and group", "Attack in Kirkuk", false),
            ("place or group", "Daesh statement", true),
            ("place or group", "Weather report", false),
            ("place:kirkuk", "Blast in Kerkük", true),
            ("place:kirkuk", "Blast in Mosul", false),
            ("place:kirkuk and (group or topic:attack)", "Bombing in Kirkuk", true),
            ("place:kirkuk and (group or topic:attack)", "Peshmerga in Kirkuk", true),
            ("place:kirkuk and (group or topic:attack)", "Festival in Kirkuk", false),
            ("place and not topic:sport", "Kirkuk votes", true),
            ("place and not topic:sport", "Kirkuk football final", false),
            ("not group", "Nothing to see", true),
            ("not group", "Daesh", false),
            ("not not place", "Mosul", true),
            // Precedence: not > and > or.
            ("topic or place and group", "Attack in town", true),
            ("topic or place and group", "Kirkuk only", false),
            ("(topic or place) and group", "Kirkuk only", false),
            ("(topic or place) and group", "Kirkuk and Daesh", true),
            ("not place and group", "Daesh in Mosul", false),
            ("not place and group", "Daesh statement", true),
            ("not (place and group)", "Daesh statement", true),
            // A bare id, and keywords in any case.
            ("kirkuk AND group", "Kirkuk and ISIL", true),
            ("place:kirkuk && !topic:sport", "Kirkuk news", true),
            ("group:islamic-state || group:pmf", "الحشد الشعبي", true),
            // Arabic text.
            ("place:kirkuk and topic:attack", "هجوم في كركوك", true),
            ("place:mosul and group", "داعش في الموصل", true),
        ])
    func operatorsCombineAsWritten(when: String, title: String, fires: Bool) throws {
        #expect(try firing(when, title) == fires)
    }

    @Test(
        "A match on an entity inside another counts for the enclosing one, transitively",
        arguments: [
            ("place:kirkuk", "Clashes in Daquq", true),
            ("place:kirkuk", "اشتباكات في داقوق", true),
            ("place:kirkuk", "Tes’in quiet", true),
            ("place:dakuk", "Clashes in Kirkuk", false),
            ("place:tesin", "Clashes in Daquq", false),
        ])
    func parentsCountForTheirChildren(when: String, title: String, fires: Bool) throws {
        #expect(try firing(when, title) == fires)
    }

    @Test("A grandchild counts for its grandparent")
    func parentChainsAreTransitive() throws {
        let watchlist = Watchlist(
            entities: [
                Entity(id: "iraq", kind: .place, name: "Iraq"),
                Entity(id: "kirkuk", kind: .place, name: "Kirkuk", parent: "iraq"),
                Entity(id: "dakuk", kind: .place, name: "Dakuk", parent: "kirkuk"),
            ],
            rules: [Rule(id: "iraq", when: "place:iraq")])
        let matcher = try Matcher(watchlist: watchlist)
        let hits = matcher.evaluate(WatchlistFixture.item("Dakuk market reopens"))
        #expect(hits.map(\.rule.id) == ["iraq"])
        #expect(hits.first?.matches.map(\.entity) == ["dakuk"])
    }

    @Test(
        "Proximity keeps the positive terms in one sentence or within N words",
        arguments: [
            ("Daesh claimed it. Later, calm in Kirkuk.", Rule.Proximity.sameSentence, false),
            ("Daesh claimed an attack in Kirkuk. Later, calm.", .sameSentence, true),
            ("Daesh claimed it\nKirkuk calm", .sameSentence, false),
            ("داعش تبنى الهجوم؟ الهدوء في كركوك", .sameSentence, false),
            ("Daesh fighters near Kirkuk", .words(3), true),
            ("Daesh fighters were seen on the road near Kirkuk", .words(3), false),
            ("Kirkuk: Daesh", .words(1), true),
            ("The U.S. says Daesh in Kirkuk", .sameSentence, true),
        ])
    func proximityLimitsTheWindow(title: String, proximity: Rule.Proximity, fires: Bool) throws {
        #expect(try firing("place and group", title, proximity: proximity) == fires)
    }

    @Test("Proximity leaves negated terms looking at the whole item")
    func negatedTermsIgnoreProximity() throws {
        #expect(try !firing("place and not topic:sport", "Kirkuk votes. Football later.", proximity: .sameSentence))
        #expect(try firing("place and not topic:sport", "Kirkuk votes. Calm later.", proximity: .sameSentence))
    }

    @Test("Proximity needs both terms in the same field")
    func proximityStaysInOneField() throws {
        let rule = Rule(id: "r", when: "place and group", proximity: .words(50))
        let matcher = try WatchlistFixture.matcher(rules: [rule])
        let split = WatchlistFixture.item("Kirkuk", summary: "Daesh")
        let together = WatchlistFixture.item("Kirkuk and Daesh")
        #expect(matcher.evaluate(split, at: WatchlistFixture.date).isEmpty)
        #expect(matcher.evaluate(together, at: WatchlistFixture.date).count == 1)
    }

    @Test("An item raises one hit per rule that fires, listing every relevant match")
    func oneHitPerRuleWithEveryMatch() throws {
        let rules = [
            Rule(id: "place-and-group", when: "place and group", severity: .high),
            Rule(id: "attack", when: "topic:attack", severity: .low),
            Rule(id: "sport", when: "topic:sport"),
        ]
        let matcher = try WatchlistFixture.matcher(rules: rules)
        let item = WatchlistFixture.item(
            "ISIS bombing in Kirkuk", summary: "Daesh claimed the explosion near Daquq and Mosul.")
        let hits = matcher.evaluate(item, at: WatchlistFixture.date)
        #expect(hits.map(\.rule.id) == ["place-and-group", "attack"])
        #expect(hits[0].matches.map(\.entity) == ["islamic-state", "kirkuk", "islamic-state", "dakuk", "mosul"])
        #expect(hits[1].matches.map(\.text) == ["bombing", "explosion"])
    }

    @Test(
        "The expression parser reports the column of the error inside the condition",
        arguments: [
            ("place and", 10),
            ("place and (group", 17),
            ("(place", 7),
            ("place group", 7),
            ("city:kirkuk", 1),
            ("place:", 7),
            ("place & group", 7),
            ("", 1),
            ("place and $x", 11),
        ])
    func parseErrorsCarryColumns(when: String, column: Int) {
        #expect(throws: RuleSyntaxError.self) { try RuleExpression.parse(when) }
        do {
            _ = try RuleExpression.parse(when)
        } catch {
            #expect(error.column == column, "\(error)")
        }
    }

    @Test("Precedence is not > and > or")
    func precedenceIsNotAndOr() throws {
        let parsed = try RuleExpression.parse("not place or group and topic")
        #expect(parsed == .or(.not(.kind(.place)), .and(.kind(.group), .kind(.topic))))
        #expect(parsed.description == "not place or (group and topic)")
    }
}
