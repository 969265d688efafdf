import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreCommitTests {
    let directory = TemporaryDirectory()

    @Test func aNewStoreIsInWALModeAtTheLatestSchemaVersion() throws {
        let store = try Store(path: directory.file("state/feedwatch.sqlite"))
        #expect(try store.schemaVersion() >= 1)
        #expect(FileManager.default.fileExists(atPath: directory.file("state/feedwatch.sqlite-wal")))
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test func openingTheStoreAgainAppliesNoMigrationTwiceAndKeepsTheData() throws {
        let path = directory.file("feedwatch.sqlite")
        let first = try Store(path: path)
        try first.commit(feed: "seed-rss", seen: [Fixture.seen("item-1")], alerts: [Fixture.alert()])
        let version = try first.schemaVersion()
        for _ in 0..<3 {
            let again = try Store(path: path)
            #expect(try again.schemaVersion() == version)
            #expect(try again.alertCount() == 1)
        }
    }

    @Test func commitReturnsOnlyTheAlertsThatWereNew() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let first = Fixture.alert(item: "item-1")
        let second = Fixture.alert(item: "item-2")
        let newAtFirst = try store.commit(feed: "seed-rss", seen: [Fixture.seen("item-1")], alerts: [first])
        #expect(newAtFirst.map(\.alertID) == [first.alertID])
        let newAtSecond = try store.commit(
            feed: "seed-rss", seen: [Fixture.seen("item-1"), Fixture.seen("item-2")], alerts: [first, second])
        #expect(newAtSecond.map(\.alertID) == [second.alertID])
        #expect(try store.alertCount() == 2)
    }

    @Test func theSameAlertTwiceInOneCommitIsStoredOnce() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let alert = Fixture.alert()
        let inserted = try store.commit(feed: "seed-rss", seen: [], alerts: [alert, alert])
        #expect(inserted.count == 1)
        #expect(try store.alertCount() == 1)
    }

    @Test func severalFeedsCommitInOneTransaction() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let a = Fixture.alert(feed: "a", item: "1")
        let b = Fixture.alert(feed: "b", item: "1")
        let inserted = try store.commit([
            FeedCommit(feed: "a", seen: [Fixture.seen("1")], alerts: [a]),
            FeedCommit(feed: "b", seen: [Fixture.seen("1")], alerts: [b, a]),
        ])
        #expect(inserted.map(\.alertID) == [a.alertID, b.alertID])
        #expect(try store.seenItems(feed: "a", ids: ["1"]).count == 1)
        #expect(try store.seenItems(feed: "b", ids: ["1"]).count == 1)
    }

    @Test func anEditedItemUpdatesItsContentHash() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        try store.commit(feed: "seed-rss", seen: [Fixture.seen("item-1", hash: "before")], alerts: [])
        #expect(try store.seenItems(feed: "seed-rss", ids: ["item-1", "item-2"]) == ["item-1": "before"])
        try store.commit(feed: "seed-rss", seen: [Fixture.seen("item-1", hash: "after")], alerts: [])
        #expect(try store.seenItems(feed: "seed-rss", ids: ["item-1"]) == ["item-1": "after"])
        #expect(try store.seenItems(feed: "other", ids: ["item-1"]).isEmpty)
        #expect(try store.seenItemCount(feed: "seed-rss") == 1)
    }

    @Test func storedAlertsReadBackEqualToWhatWasCommitted() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let alert = Fixture.alert(at: Date(timeIntervalSince1970: 1_477_019_520.123))
        try store.commit(feed: "seed-rss", seen: [], alerts: [alert])
        #expect(try store.alert(id: alert.alertID) == alert)
        #expect(try store.alert(id: "nope") == nil)
    }

    @Test func commitSanitizesEveryTextFieldBeforeStoringIt() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let hostile = "Kirkuk\u{1B}[2J\u{9B}31m\u{202E}evil\u{2028}next\u{7F}"
        var alert = Fixture.alert(title: hostile)
        alert.snippet = hostile
        alert.matches[0].text = hostile
        let stored = try #require(try store.commit(feed: "seed-rss", seen: [], alerts: [alert]).first)
        let read = try #require(try store.alert(id: alert.alertID))
        #expect(stored == read)
        for text in [read.item.title ?? "", read.snippet, read.matches[0].text] {
            #expect(!text.unicodeScalars.contains { [0x1B, 0x9B, 0x202E, 0x2028, 0x7F].contains($0.value) })
            #expect(text.hasPrefix("Kirkuk"))
        }
    }

    @Test func theFeedStateRoundTrips() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        var state = FeedState(
            feedID: "seed-rss", url: "file:///seeds/kirkuk.xml", etag: "\"abc\"", lastModified: "Fri, 21 Oct 2016",
            lastAttempt: Fixture.epoch, lastSuccess: Fixture.epoch, status: "ok", consecutiveFailures: 0,
            nextDue: Fixture.epoch.addingTimeInterval(600), bytes: 1234, duration: 0.25, itemCount: 7)
        try store.saveFeedState(state)
        #expect(try store.feedState("seed-rss") == state)
        state.status = "timeout"
        state.lastError = "no answer in 30 s"
        state.consecutiveFailures = 2
        try store.saveFeedState(state)
        try store.saveFeedState(FeedState(feedID: "another", url: "https://example.org/feed"))
        #expect(try store.feedStates().map(\.feedID) == ["another", "seed-rss"])
        #expect(try store.feedState("seed-rss") == state)
        #expect(try store.feedState("missing") == nil)
    }
}
