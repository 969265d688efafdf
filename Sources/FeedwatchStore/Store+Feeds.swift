import FeedwatchModel
import Foundation

extension Store {
    private static let feedColumns =
        "feed_id, url, etag, last_modified, last_attempt, last_success, status, last_error, consecutive_failures, next_due, bytes, duration, item_count, moved_to, moved_count"

    /// The fetch state of one feed, or nil when it was never saved.
    public func feedState(_ feedID: String) throws(StoreError) -> FeedState? {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT \(Self.feedColumns) FROM feeds WHERE feed_id = ?")
                .rows([.text(feedID)], Self.feedState(from:)).first
        }
    }

    /// Every feed's fetch state, by feed id.
    public func feedStates() throws(StoreError) -> [FeedState] {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT \(Self.feedColumns) FROM feeds ORDER BY feed_id").rows([], Self.feedState(from:))
        }
    }

    /// Every feed's fetch state, keyed by feed id (the table's primary key).
    public func feedStatesByID() throws(StoreError) -> [String: FeedState] {
        Dictionary(uniqueKeysWithValues: try feedStates().map { ($0.feedID, $0) })
    }

    /// Inserts or replaces a feed's fetch state.
    public func saveFeedState(_ state: FeedState) throws(StoreError) {
        try saveFeedStates([state])
    }

    /// Inserts or replaces several feeds' fetch states in one transaction: a cycle over
    /// thousands of feeds that all answered 304 costs one commit, not thousands. Fetch state
    /// can be re-learnt, so it is written without waiting for the disk (`synchronous = NORMAL`).
    public func saveFeedStates(_ states: [FeedState]) throws(StoreError) {
        try requireWritable("saving feed state")
        guard !states.isEmpty else { return }
        try locked { (db) throws(StoreError) in
            try db.setSynchronous(.normal)
            let upsert = try db.statement(
                """
                INSERT INTO feeds (\(Self.feedColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, last_attempt = excluded.last_attempt,
                    last_success = excluded.last_success, status = excluded.status,
                    last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                    next_due = excluded.next_due, bytes = excluded.bytes, duration = excluded.duration,
                    item_count = excluded.item_count, moved_to = excluded.moved_to,
                    moved_count = excluded.moved_count
                """)
            try db.writeTransaction { () throws(StoreError) in
                for state in states {
                    try upsert.run([
                        .text(state.feedID), .text(state.url), .text(state.etag), .text(state.lastModified),
                        .date(state.lastAttempt), .date(state.lastSuccess), .text(state.status),
                        .text(state.lastError), .int(state.consecutiveFailures), .date(state.nextDue),
                        .int(state.bytes), .double(state.duration), .int(state.itemCount), .text(state.movedTo),
                        .int(state.movedCount),
                    ])
                }
            }
        }
    }

    /// Forgets a feed's fetch state (its items and alerts stay).
    public func deleteFeedState(_ feedID: String) throws(StoreError) {
        try requireWritable("deleting feed state")
        try locked { (db) throws(StoreError) in
            try db.statement("DELETE FROM feeds WHERE feed_id = ?").run([.text(feedID)])
        }
    }

    private static func feedState(from row: SQLiteStatement.Row) -> FeedState {
        var state = FeedState(
            feedID: row.text(0) ?? "", url: row.text(1) ?? "", etag: row.text(2), lastModified: row.text(3),
            lastAttempt: row.date(4), lastSuccess: row.date(5), status: row.text(6) ?? "new",
            lastError: row.text(7), consecutiveFailures: row.int(8), nextDue: row.date(9), bytes: row.int(10),
            duration: row.double(11), itemCount: row.int(12)
        )
        state.movedTo = row.text(13)
        state.movedCount = row.int(14)
        return state
    }
}
