import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchModel

@Suite struct StoreCorroborationTests {
    let directory = TemporaryDirectory()
    let store: Store
    let original: Alert

    init() throws {
        store = try Store(path: directory.file("feedwatch.sqlite"))
        var alert = Fixture.alert(feed: "a", item: "story")
        alert.item.link = "https://Example.ORG:443/news/kirkuk?id=7&utm_source=rss&fbclid=x#comments"
        original = alert
        try store.commit(feed: "a", seen: [], alerts: [alert])
    }

    private func source(feed: String, item: String) -> AlertUpdate.Source {
        AlertUpdate.Source(
            feed: .init(id: feed, url: "https://\(feed).example/feed"),
            item: .init(
                id: item, title: "Same story from \(feed)", link: "https://example.org/news/kirkuk?id=7", published: nil
            ))
    }

    @Test func anotherFeedLinkingTheSameStoryFindsTheAlert() throws {
        let found = try store.storyAlert(
            link: "http://example.org/news/kirkuk?utm_campaign=z&id=7", rule: original.rule,
            since: Fixture.epoch.addingTimeInterval(-3600), excludingFeed: "b")
        #expect(found == nil)  // http is not https: another page as far as identity goes
        let same = try store.storyAlert(
            link: "https://example.org/news/kirkuk?id=7&utm_medium=social", rule: original.rule,
            since: Fixture.epoch.addingTimeInterval(-3600), excludingFeed: "b")
        #expect(same?.alertID == original.alertID)
    }

    @Test(arguments: [
        ("the same feed", "a", "https://example.org/news/kirkuk?id=7", "place-and-group", -3600.0),
        ("another rule", "b", "https://example.org/news/kirkuk?id=7", "other-rule", -3600),
        ("too long ago", "b", "https://example.org/news/kirkuk?id=7", "place-and-group", 60),
        ("another page", "b", "https://example.org/news/kirkuk?id=8", "place-and-group", -3600),
        ("not a web link", "b", "urn:uuid:1234", "place-and-group", -3600),
    ])
    func noStoryAlertIsFoundFor(_ name: String, feed: String, link: String, rule: String, since: Double) throws {
        let found = try store.storyAlert(
            link: link, rule: rule, since: Fixture.epoch.addingTimeInterval(since), excludingFeed: feed)
        #expect(found == nil, "\(name)")
    }

    @Test func eachNewSourceIsRecordedOnceAndCounted() throws {
        let second = try #require(
            try store.corroborate(alertID: original.alertID, source: source(feed: "b", item: "1")))
        #expect(second.sources == 2)
        #expect(second.eventType == "alert_update")
        #expect(try store.corroborate(alertID: original.alertID, source: source(feed: "b", item: "1")) == nil)
        let third = try #require(
            try store.corroborate(
                alertID: original.alertID, source: source(feed: "c", item: "9"), at: Fixture.epoch.addingTimeInterval(5)
            ))
        #expect(third.sources == 3)
        // The alert's own item, and an unknown alert, add nothing.
        #expect(try store.corroborate(alertID: original.alertID, source: source(feed: "a", item: "story")) == nil)
        #expect(try store.corroborate(alertID: "unknown", source: source(feed: "b", item: "1")) == nil)
        #expect(try store.sources(ofAlert: original.alertID).map(\.sources) == [2, 3])
    }

    @Test func manySourcesInOneTransactionGiveOneResultEachInOrder() throws {
        let results = try store.corroborate([
            (original.alertID, source(feed: "b", item: "1")),
            (original.alertID, source(feed: "b", item: "1")),  // the same source again: nothing new
            (original.alertID, source(feed: "a", item: "story")),  // the alert's own item
            ("unknown", source(feed: "c", item: "2")),
            (original.alertID, source(feed: "c", item: "9")),
        ])
        #expect(results.map { $0?.sources } == [2, nil, nil, nil, 3])
        #expect(try store.pendingUpdates().map(\.source.feed.id) == ["b", "c"])
        #expect(try store.corroborate([]).isEmpty)
    }

    @Test func theOutboxIsEmptyOnlyWhenEveryAlertAndSourceIsMarkedLogged() throws {
        #expect(try !store.outboxIsEmpty())  // the original alert waits
        try store.markLogged([original.alertID])
        #expect(try store.outboxIsEmpty())
        try store.corroborate(alertID: original.alertID, source: source(feed: "b", item: "1"))
        #expect(try !store.outboxIsEmpty())
        try store.markLogged(updates: try store.pendingUpdates())
        #expect(try store.outboxIsEmpty())
    }

    @Test func updatesArePendingUntilMarkedLogged() throws {
        try store.corroborate(alertID: original.alertID, source: source(feed: "b", item: "1"), at: Fixture.epoch)
        try store.corroborate(
            alertID: original.alertID, source: source(feed: "c", item: "2"), at: Fixture.epoch.addingTimeInterval(1))
        let pending = try store.pendingUpdates()
        #expect(pending.map(\.source.feed.id) == ["b", "c"])
        #expect(pending.map(\.sources) == [2, 3])
        try store.markLogged(updates: [pending[0]])
        #expect(try store.pendingUpdates().map(\.source.feed.id) == ["c"])
        try store.markLogged(updates: pending)
        #expect(try store.pendingUpdates().isEmpty)
    }

    @Test func anAlertWithAnUpdateStillToLogIsNotPruned() throws {
        try store.markLogged([original.alertID])
        try store.corroborate(alertID: original.alertID, source: source(feed: "b", item: "1"))
        #expect(try store.prune(olderThan: Fixture.epoch.addingTimeInterval(86_400)).alerts == 0)
        try store.markLogged(updates: try store.pendingUpdates())
        #expect(try store.prune(olderThan: Fixture.epoch.addingTimeInterval(86_400)).alerts == 1)
        #expect(try store.sources(ofAlert: original.alertID).isEmpty)
    }
}

@Suite struct CanonicalLinkTests {
    @Test(arguments: [
        ("HTTPS://Example.ORG/a/b?x=1#frag", "https://example.org/a/b?x=1"),
        ("https://example.org:443/a?utm_source=rss&utm_medium=x&id=3", "https://example.org/a?id=3"),
        ("http://example.org:80", "http://example.org/"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a?fbclid=abc&gclid=def", "https://example.org/a"),
        ("  https://example.org/a  ", "https://example.org/a"),
    ])
    func linksAreCanonicalized(link: String, expected: String) {
        #expect(CanonicalLink.canonical(link) == expected)
    }

    @Test(arguments: [
        "https://news.example/2026/11/24/story-49.html", "http://a.example/", "https://a-b.example/x;y=1/(z)",
        "https://a.example/a:b@c!$&'*+,=~_", "https://A.example/x", "https://a.example:443/x", "https://a.example",
        "https://a.example/x y", "https://a.example/%41", "https://a.example/x?utm_source=1", "https://a.example/é",
        "https://user@a.example/x", "https://a.example/x#top", "http:///x", "https://a..example/x",
    ])
    func linksTakenAsTheyAreAreWhatTheParserGives(link: String) {
        if CanonicalLink.isAlreadyCanonical(link) {
            #expect(CanonicalLink.parsedCanonical(link) == link)
        }
        #expect(CanonicalLink.canonical(link) == CanonicalLink.parsedCanonical(link))
    }

    @Test(arguments: ["urn:uuid:1", "ftp://example.org/a", "/relative/path", "", "https://"])
    func nonWebLinksHaveNoCanonicalForm(link: String) {
        #expect(CanonicalLink.canonical(link) == nil)
    }
}
