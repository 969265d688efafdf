import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreDiskFullTests {
    /// A commit that does not fit fails as a whole with a disk-full error, the store stays sound
    /// and usable, and the same commit succeeds once space returns.
    @Test(.enabled(if: TmpfsMount.mayMount)) func aCommitOnAFullDiskFailsWholeAndSucceedsLater() throws {
        guard let mount = TmpfsMount.mount(kilobytes: 1024) else { return }  // not allowed here: nothing to test
        let store = try Store(path: mount.path + "/feedwatch.sqlite")
        try store.commit(feed: "f", seen: [Fixture.seen("warm-up")], alerts: [Fixture.alert(item: "warm-up")])
        let filler = mount.fill()

        let alerts = (0..<200).map { Fixture.alert(item: "item-\($0)", title: String(repeating: "Kirkuk ", count: 60)) }
        let seen = alerts.map { Fixture.seen($0.item.id) }
        #expect {
            try store.commit(feed: "f", seen: seen, alerts: alerts)
        } throws: { error in
            (error as? StoreError)?.isDiskFull == true
        }
        #expect(try store.alertCount() == 1)
        #expect(try store.seenItems(feed: "f", ids: ["item-0"]).isEmpty)

        try FileManager.default.removeItem(atPath: filler)
        #expect(try store.commit(feed: "f", seen: seen, alerts: alerts).count == alerts.count)
        #expect(try store.pendingCount() == alerts.count + 1)
        #expect(try store.integrityCheck().isEmpty)
    }
}
