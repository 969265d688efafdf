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
    /// `listed` names the items the feed lists now that are not in `seen` (unchanged ones): their
    /// "last seen" time is refreshed, so `prune` never forgets an item the feed still lists (it
    /// would come back as new, and alert again once its alert was pruned too).
    @discardableResult
    public func commit(
        feed: String, seen: [SeenItem], alerts: [Alert], listed: [String] = []
    ) throws(StoreError) -> [Alert] {
        try commit(feed: feed, seen: seen, alerts: alerts, listed: listed, at: Date())
    }

    /// `commit(feed:seen:alerts:listed:)` with the time to record as "seen".
    @discardableResult
    public func commit(
        feed: String, seen: [SeenItem], alerts: [Alert], listed: [String] = [], at now: Date
    ) throws(StoreError) -> [Alert] {
        try commit([FeedCommit(feed: feed, seen: seen, alerts: alerts, listed: listed)], at: now)
    }

    /// Commits the results of several feeds in one transaction (one fsync instead of one per
    /// feed): all of them or, on failure, none. Returns the alerts that were new, in order.
    @discardableResult
    public func commit(_ feeds: [FeedCommit], at now: Date = Date()) throws(StoreError) -> [Alert] {
        try requireWritable("committing items")
        var encoded: [(Alert, String)] = []
        for feed in feeds {
            for alert in feed.alerts {
                let clean = alert.sanitized
                encoded.append((clean, Self.json(of: clean)))
            }
        }
        let hasAlerts = !encoded.isEmpty
        return try locked { (db) throws(StoreError) in
            // An alert must be on disk before the log writer may see it; items alone may wait.
            try db.setSynchronous(hasAlerts ? .full : .normal)
            let upsertSeen = try db.statement(
                """
                INSERT INTO items_seen (feed_id, item_id, content_hash, published, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (feed_id, item_id) DO UPDATE SET content_hash = excluded.content_hash,
                    published = coalesce(excluded.published, published), last_seen = excluded.last_seen
                """)
            let touch = try db.statement("UPDATE items_seen SET last_seen = ? WHERE feed_id = ? AND item_id = ?")
            let insertAlert = try db.statement(
                """
                INSERT OR IGNORE INTO alerts (alert_id, created, severity, rule, feed_id, item_id, json, story_link)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertEntity = try db.statement(
                "INSERT OR IGNORE INTO alert_entities (alert_id, entity, kind) VALUES (?, ?, ?)")
            return try db.writeTransaction { () throws(StoreError) in
                for feed in feeds {
                    for item in feed.seen {
                        try upsertSeen.run([
                            .text(feed.feed), .text(item.itemID), .text(item.contentHash), .date(item.published),
                            .date(now), .date(now),
                        ])
                    }
                    for id in feed.listed {
                        try touch.run([.date(now), .text(feed.feed), .text(id)])
                    }
                }
                var inserted: [Alert] = []
                for (alert, json) in encoded {
                    let changed = try insertAlert.run([
                        .text(alert.alertID), .date(alert.timestamp), .text(alert.severity.rawValue),
                        .text(alert.rule), .text(alert.feed.id), .text(alert.item.id), .text(json),
                        .text(alert.item.link.flatMap(CanonicalLink.canonical)),
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

    func decode(_ json: String?, id: String?) throws(StoreError) -> Alert {
        // A decoder per call: cheap next to the query, and nothing shared between threads.
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(Alert.self, from: Data((json ?? "").utf8))
        } catch {
            throw StoreError(code: SQLITE_CORRUPT, message: "alert \(id ?? "?") does not decode: \(error)")
        }
    }
}

/// One feed's part of a multi-feed commit: see `Store.commit(feed:seen:alerts:listed:)`.
public struct FeedCommit: Sendable, Hashable {
    public var feed: String
    public var seen: [SeenItem]
    public var alerts: [Alert]
    public var listed: [String]

    public init(feed: String, seen: [SeenItem], alerts: [Alert], listed: [String] = []) {
        self.feed = feed
        self.seen = seen
        self.alerts = alerts
        self.listed = listed
    }
}
