import CSQLite
import FeedwatchModel
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchStore

@Suite struct StoreMigrationTests {
    let directory = TemporaryDirectory()

    /// A store written by the first release (schema version 1) opens with the current one: the
    /// later migrations run, and what it held is still there.
    @Test func aVersionOneStoreIsMigratedAndKeepsItsAlerts() throws {
        let path = directory.file("v1.sqlite")
        let alert = Fixture.alert()
        let json = String(decoding: try JSONEncoder().encode(alert), as: UTF8.self)
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        let escaped = json.replacingOccurrences(of: "'", with: "''")
        let script =
            StoreSchema.migrations[0] + """
                ;
                INSERT INTO alerts (alert_id, created, severity, rule, feed_id, item_id, json)
                VALUES ('\(alert.alertID)', 0, 'high', 'place-and-group', 'seed-rss', 'item-1', '\(escaped)');
                PRAGMA user_version = 1;
                """
        #expect(sqlite3_exec(db, script, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)

        #expect(throws: StoreError.self) { try Store(path: path, readOnly: true) }  // older: readers refuse
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == StoreSchema.version)
        #expect(try store.alert(id: alert.alertID) == alert)
        #expect(try store.pendingAlerts() == [alert])
        #expect(try Store(path: path, readOnly: true).alertCount() == 1)
    }

    @Test func aStoreFromANewerFeedwatchIsRefused() throws {
        let path = directory.file("future.sqlite")
        do {
            let store = try Store(path: path)
            _ = store
        }
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, "PRAGMA user_version = \(StoreSchema.version + 1)", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(throws: StoreError.self) { try Store(path: path, readOnly: true) }
    }
}
