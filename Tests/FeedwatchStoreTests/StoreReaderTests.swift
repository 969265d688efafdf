import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

@Suite struct StoreReaderTests {
    let directory = TemporaryDirectory()

    @Test func aReadOnlyStoreSeesCommittedAlertsAndCannotWrite() throws {
        let path = directory.file("feedwatch.sqlite")
        let writer = try Store(path: path)
        try writer.commit(feed: "seed-rss", seen: [], alerts: [Fixture.alert()])
        let reader = try Store(path: path, readOnly: true)
        #expect(try reader.alertCount() == 1)
        #expect(throws: StoreError.self) { try reader.commit(feed: "x", seen: [], alerts: [Fixture.alert(item: "2")]) }
        #expect(throws: StoreError.self) { try reader.markLogged([Fixture.alert().alertID]) }
        try writer.commit(feed: "seed-rss", seen: [], alerts: [Fixture.alert(item: "2")])
        #expect(try reader.alertCount() == 2)
    }

    @Test func aReadOnlyStoreOpensAfterTheWriterClosed() throws {
        let path = directory.file("feedwatch.sqlite")
        do {
            let writer = try Store(path: path)
            try writer.commit(feed: "seed-rss", seen: [], alerts: [Fixture.alert()])
        }
        #expect(try Store(path: path, readOnly: true).alertCount() == 1)
    }

    @Test func aReadOnlyStoreRefusesAFileThatIsNotAStoreYet() throws {
        #expect(throws: StoreError.self) { try Store(path: directory.file("missing.sqlite"), readOnly: true) }
    }

    /// The daemon commits while `feedwatch alerts` reads: the reader never fails with "database is
    /// locked" and always sees whole transactions (an alert with its entities).
    @Test func readersWorkWhileAWriterCommits() async throws {
        let path = directory.file("feedwatch.sqlite")
        let writer = try Store(path: path)
        let total = 200
        let writing = Task.detached {
            for index in 0..<total {
                try writer.commit(
                    feed: "seed-rss", seen: [Fixture.seen("item-\(index)")],
                    alerts: [Fixture.alert(item: "item-\(index)", at: Fixture.epoch.addingTimeInterval(Double(index)))])
            }
        }
        let reading = Task.detached {
            let reader = try Store(path: path, readOnly: true)
            var last = 0
            while last < total {
                let count = try reader.alertCount()
                let withEntity = try reader.alerts(AlertQuery(entity: "kirkuk")).count
                #expect(count >= last)
                #expect(withEntity >= count)  // entities commit with their alert; both only grow
                last = count
            }
            return last
        }
        try await writing.value
        #expect(try await reading.value == total)
    }
}
