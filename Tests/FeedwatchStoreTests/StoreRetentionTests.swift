import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreRetentionTests {
    let directory = TemporaryDirectory()

    @Test func pruneRemovesOldLoggedAlertsButNeverPendingOnes() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let old = Fixture.alert(item: "old", at: Fixture.epoch)
        let oldPending = Fixture.alert(item: "old-pending", at: Fixture.epoch)
        let recent = Fixture.alert(item: "recent", at: Fixture.epoch.addingTimeInterval(86_400 * 10))
        try store.commit(feed: "seed-rss", seen: [], alerts: [old, oldPending, recent])
        try store.markLogged([old.alertID, recent.alertID])

        let result = try store.prune(olderThan: Fixture.epoch.addingTimeInterval(86_400))
        #expect(result.alerts == 1)
        #expect(try store.alerts(AlertQuery()).map(\.item.id) == ["old-pending", "recent"])
        // The pruned alert's entities went with it.
        #expect(try store.alerts(AlertQuery(entity: "kirkuk")).map(\.item.id) == ["old-pending", "recent"])
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func pruneForgetsOldItemsTheFeedNoLongerListsButKeepsItsLatestOnes() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let day: TimeInterval = 86_400
        try store.commit(
            feed: "f", seen: [Fixture.seen("gone"), Fixture.seen("still-listed")], alerts: [], at: Fixture.epoch)
        // The latest fetch still lists one old item; it never changed since the first commit.
        try store.commit(
            feed: "f", seen: [Fixture.seen("still-listed"), Fixture.seen("new")], alerts: [],
            at: Fixture.epoch.addingTimeInterval(day * 30))
        // Another feed: an unchanged item it still lists is refreshed by `listed`.
        try store.commit(
            feed: "g", seen: [Fixture.seen("old"), Fixture.seen("dropped")], alerts: [], at: Fixture.epoch)
        try store.commit(
            feed: "g", seen: [Fixture.seen("fresh")], alerts: [], listed: ["old"],
            at: Fixture.epoch.addingTimeInterval(day * 30))
        // A feed that has not changed for a long time keeps all of its items.
        try store.commit(feed: "quiet", seen: [Fixture.seen("q")], alerts: [], at: Fixture.epoch)

        let result = try store.prune(olderThan: Fixture.epoch.addingTimeInterval(day * 7))
        #expect(result.items == 2)
        #expect(
            try store.seenItems(feed: "f", ids: ["gone", "still-listed", "new"]).keys.sorted() == [
                "new", "still-listed",
            ])
        #expect(try store.seenItems(feed: "quiet", ids: ["q"]).count == 1)
        #expect(try store.seenItems(feed: "g", ids: ["old", "dropped", "fresh"]).keys.sorted() == ["fresh", "old"])
    }
}
