import CSQLite
import FeedwatchModel
import Foundation

extension Store {
    /// The content hash recorded for each of these items of the feed; items never seen are absent.
    public func seenItems(feed: String, ids: [String]) throws(StoreError) -> [String: String] {
        try locked { (db) throws(StoreError) in
            let statement = try db.statement("SELECT content_hash FROM items_seen WHERE feed_id = ? AND item_id = ?")
            return try db.readTransaction { () throws(StoreError) in
                var result: [String: String] = [:]
                for id in ids {
                    try statement.query([.text(feed), .text(id)]) { row in result[id] = row.text(0) }
                }
                return result
            }
        }
    }

    /// How many items of the feed are recorded as seen: zero for a feed never fetched (or
    /// added since), which is when the backfill window applies.
    public func seenItemCount(feed: String) throws(StoreError) -> Int {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT count(*) FROM items_seen WHERE feed_id = ?").rows([.text(feed)]) { $0.int(0) }
                .first ?? 0
        }
    }

    /// In one transaction: marks the items seen (updating the content hash of edited ones) and
    /// inserts the alerts not already stored, each sanitized. Returns the alerts that were new,
    /// as stored (sanitized), in the order given. An alert whose `alertID` is already stored is
    /// ignored: the same feed, item and rule never alert twice.
    ///
    /// Pass every item the feed still lists, not only new ones: `prune` keeps the items a feed
    /// listed at its last commit, so an item still in the feed is never forgotten.
    @discardableResult
    public func commit(feed: String, seen: [SeenItem], alerts: [Alert]) throws(StoreError) -> [Alert] {
        try commit(feed: feed, seen: seen, alerts: alerts, at: Date())
    }

    /// `commit(feed:seen:alerts:)` with the time to record as "seen".
    @discardableResult
    public func commit(feed: String, seen: [SeenItem], alerts: [Alert], at now: Date) throws(StoreError) -> [Alert] {
        try requireWritable("committing items")
        let encoded = try alerts.map { (alert) throws(StoreError) in
            let clean = alert.sanitized
            return (clean, try encode(clean))
        }
        return try locked { (db) throws(StoreError) in
            // An alert must be on disk before the log writer may see it; items alone may wait.
            try db.setSynchronous(alerts.isEmpty ? .normal : .full)
            let upsertSeen = try db.statement(
                """
                INSERT INTO items_seen (feed_id, item_id, content_hash, published, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (feed_id, item_id) DO UPDATE SET content_hash = excluded.content_hash,
                    published = coalesce(excluded.published, published), last_seen = excluded.last_seen
                """)
            let insertAlert = try db.statement(
                """
                INSERT OR IGNORE INTO alerts (alert_id, created, severity, rule, feed_id, item_id, json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertEntity = try db.statement(
                "INSERT OR IGNORE INTO alert_entities (alert_id, entity, kind) VALUES (?, ?, ?)")
            return try db.writeTransaction { () throws(StoreError) in
                for item in seen {
                    try upsertSeen.run([
                        .text(feed), .text(item.itemID), .text(item.contentHash), .date(item.published),
                        .date(now), .date(now),
                    ])
                }
                var inserted: [Alert] = []
                for (alert, json) in encoded {
                    let changed = try insertAlert.run([
                        .text(alert.alertID), .date(alert.timestamp), .text(alert.severity.rawValue),
                        .text(alert.rule), .text(alert.feed.id), .text(alert.item.id), .text(json),
                    ])
                    guard changed == 1 else { continue }
                    for match in alert.matches {
                        try insertEntity.run([.text(alert.alertID), .text(match.entity), .text(match.kind.rawValue)])
                    }
                    inserted.append(alert)
                }
                return inserted
            }
        }
    }

    func encode(_ alert: Alert) throws(StoreError) -> String {
        do {
            return String(decoding: try encoder.encode(alert), as: UTF8.self)
        } catch {
            throw StoreError(code: SQLITE_MISMATCH, message: "encoding alert \(alert.alertID): \(error)")
        }
    }

    func decode(_ json: String?, id: String?) throws(StoreError) -> Alert {
        do {
            return try decoder.decode(Alert.self, from: Data((json ?? "").utf8))
        } catch {
            throw StoreError(code: SQLITE_CORRUPT, message: "alert \(id ?? "?") does not decode: \(error)")
        }
    }
}
