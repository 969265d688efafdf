import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreQueryTests {
    let directory = TemporaryDirectory()
    let store: Store

    /// Five alerts a minute apart over two feeds, rules, severities and entities.
    let alerts: [Alert] = [
        Fixture.alert(feed: "a", item: "0", rule: "place-and-group", severity: .high, at: Fixture.epoch),
        Fixture.alert(
            feed: "a", item: "1", rule: "place-only", severity: .low, at: Fixture.epoch.addingTimeInterval(60),
            entities: [(.place, "mosul", "Mosul")]),
        Fixture.alert(
            feed: "b", item: "2", rule: "place-and-group", severity: .critical,
            at: Fixture.epoch.addingTimeInterval(120),
            entities: [(.place, "dakuk", "Dakuk"), (.group, "pmf", "Popular Mobilization Forces")]),
        Fixture.alert(
            feed: "b", item: "3", rule: "place-only", severity: .medium, at: Fixture.epoch.addingTimeInterval(180)),
        Fixture.alert(
            feed: "a", item: "4", rule: "place-and-group", severity: .info, at: Fixture.epoch.addingTimeInterval(240)),
    ]

    init() throws {
        store = try Store(path: directory.file("feedwatch.sqlite"))
        try store.commit(feed: "any", seen: [], alerts: alerts)
    }

    private func items(_ query: AlertQuery) throws -> [String] { try store.alerts(query).map(\.item.id) }

    @Test func withoutConditionsEveryAlertIsListedOldestFirst() throws {
        #expect(try items(AlertQuery()) == ["0", "1", "2", "3", "4"])
        #expect(try items(AlertQuery(newestFirst: true)) == ["4", "3", "2", "1", "0"])
    }

    @Test func aLimitKeepsTheMostRecentAlerts() throws {
        #expect(try items(AlertQuery(limit: 2)) == ["3", "4"])
        #expect(try items(AlertQuery(limit: 2, newestFirst: true)) == ["4", "3"])
    }

    @Test func sinceIsInclusiveAndUntilExclusive() throws {
        let query = AlertQuery(
            since: Fixture.epoch.addingTimeInterval(60), until: Fixture.epoch.addingTimeInterval(180))
        #expect(try items(query) == ["1", "2"])
    }

    @Test(arguments: [
        (AlertQuery(feed: "b"), ["2", "3"]),
        (AlertQuery(rule: "place-only"), ["1", "3"]),
        (AlertQuery(entity: "kirkuk"), ["0", "3", "4"]),
        (AlertQuery(entity: "pmf"), ["2"]),
        (AlertQuery(entity: "nowhere"), []),
        (AlertQuery(minSeverity: .high), ["0", "2"]),
        (AlertQuery(feed: "a", rule: "place-and-group", entity: "islamic-state"), ["0", "4"]),
    ])
    func eachConditionNarrowsTheList(query: AlertQuery, expected: [String]) throws {
        #expect(try items(query) == expected)
    }

    @Test func anAlertIsFoundByAPrefixOfItsID() throws {
        let id = alerts[2].alertID
        #expect(try store.alertIDs(withPrefix: String(id.prefix(8))).contains(id))
        #expect(try store.alertIDs(withPrefix: "zz").isEmpty)
    }
}
