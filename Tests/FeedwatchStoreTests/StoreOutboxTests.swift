import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreOutboxTests {
    let directory = TemporaryDirectory()

    @Test func newAlertsArePendingOldestFirstUntilMarkedLogged() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let later = Fixture.alert(item: "later", at: Fixture.epoch.addingTimeInterval(60))
        let earlier = Fixture.alert(item: "earlier", at: Fixture.epoch)
        try store.commit(feed: "seed-rss", seen: [], alerts: [later, earlier])
        #expect(try store.pendingAlerts().map(\.item.id) == ["earlier", "later"])
        #expect(try store.pendingCount() == 2)

        try store.markLogged([earlier.alertID])
        #expect(try store.pendingAlerts().map(\.item.id) == ["later"])
        #expect(try store.loggedAt(alertID: earlier.alertID) != nil)
        #expect(try store.loggedAt(alertID: later.alertID) == nil)

        try store.markLogged([later.alertID, "unknown-id"])
        #expect(try store.pendingAlerts().isEmpty)
    }

    @Test func anAlertCommittedAgainAfterItWasLoggedIsNotPendingAgain() throws {
        let store = try Store(path: directory.file("feedwatch.sqlite"))
        let alert = Fixture.alert()
        try store.commit(feed: "seed-rss", seen: [], alerts: [alert])
        try store.markLogged([alert.alertID])
        #expect(try store.commit(feed: "seed-rss", seen: [], alerts: [alert]).isEmpty)
        #expect(try store.pendingAlerts().isEmpty)
    }

    @Test func pendingAlertsSurviveReopeningTheStore() throws {
        let path = directory.file("feedwatch.sqlite")
        let alert = Fixture.alert()
        do {
            let store = try Store(path: path)
            try store.commit(feed: "seed-rss", seen: [], alerts: [alert])
        }
        let reopened = try Store(path: path)
        #expect(try reopened.pendingAlerts() == [alert])
    }
}
