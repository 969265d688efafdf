import CSQLite
import FeedwatchModel
import Foundation

/// Corroboration: the same story from several outlets is one alert, and each later source is
/// recorded against it and written to the log as an `alert_update` event (an outbox, like alerts).
extension Store {
    /// The most recent alert for `rule` raised since `since` whose item has the same canonical link
    /// as `link` (see `CanonicalLink`) and that came from another feed than `excludingFeed`; nil when
    /// there is none, or the link is not a web link.
    public func storyAlert(link: String, rule: String, since: Date, excludingFeed feed: String) throws(StoreError)
        -> Alert?
    {
        guard let canonical = CanonicalLink.canonical(link) else { return nil }
        let row = try locked { (db) throws(StoreError) in
            try db.statement(
                """
                SELECT alert_id, json FROM alerts WHERE story_link = ? AND rule = ? AND created >= ? AND feed_id != ?
                ORDER BY created DESC LIMIT 1
                """
            ).rows([.text(canonical), .text(rule), .date(since), .text(feed)]) { row in (row.text(0), row.text(1)) }
                .first
        }
        guard let row else { return nil }
        return try decode(row.1, id: row.0)
    }

    /// The story fingerprints of alerts raised since `since`: what a cycle compares new alerts
    /// with, read once instead of once per alert.
    public func storyPrints(since: Date) throws(StoreError) -> [StoryPrint] {
        try locked { (db) throws(StoreError) in
            try db.statement(
                "SELECT alert_id, rule, feed_id, story_print FROM alerts WHERE created >= ? AND story_print IS NOT NULL"
            ).rows([.date(since)]) { row in
                StoryPrint(
                    alertID: row.text(0) ?? "", rule: row.text(1) ?? "", feed: row.text(2) ?? "",
                    fingerprint: UInt64(bitPattern: Int64(row.int(3))))
            }
        }
    }

    /// Records `source` as corroborating alert `alertID`. Returns the `alert_update` to log (now
    /// pending), or nil when this source was already recorded, is the alert's own item, or the
    /// alert is unknown. Committed with `synchronous = FULL`, like a new alert.
    @discardableResult
    public func corroborate(alertID: String, source: AlertUpdate.Source, at now: Date = Date()) throws(StoreError)
        -> AlertUpdate?
    {
        try corroborate([(alertID, source)], at: now).first ?? nil
    }

    /// `corroborate(alertID:source:at:)` for many sources in one transaction (one fsync): all
    /// recorded or, on failure, none. Returns one result per source, in order.
    @discardableResult
    public func corroborate(_ sources: [(alertID: String, source: AlertUpdate.Source)], at now: Date = Date())
        throws(StoreError) -> [AlertUpdate?]
    {
        try requireWritable("adding a source")
        guard !sources.isEmpty else { return [] }
        var encoded: [(update: AlertUpdate, json: String)] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (alertID, source) in sources {
            let clean = AlertUpdate(timestamp: now, alertID: alertID, sources: 0, source: source).sanitized
            do {
                encoded.append((clean, String(decoding: try encoder.encode(clean.source), as: UTF8.self)))
            } catch {
                throw StoreError(code: SQLITE_MISMATCH, message: "encoding a source of \(alertID): \(error)")
            }
        }
        return try locked { (db) throws(StoreError) in
            try db.setSynchronous(.full)
            let origin = try db.statement("SELECT feed_id, item_id FROM alerts WHERE alert_id = ?")
            let insert = try db.statement(
                "INSERT OR IGNORE INTO alert_sources (alert_id, feed_id, item_id, json, added) VALUES (?, ?, ?, ?, ?)")
            let count = try db.statement("SELECT count(*) FROM alert_sources WHERE alert_id = ?")
            return try db.writeTransaction { () throws(StoreError) -> [AlertUpdate?] in
                var results: [AlertUpdate?] = []
                for (clean, json) in encoded {
                    let alertID = clean.alertID
                    let own = try origin.rows([.text(alertID)]) { row in (row.text(0), row.text(1)) }.first
                    guard let own, own != (clean.source.feed.id, clean.source.item.id) else {
                        results.append(nil)
                        continue
                    }
                    let added = try insert.run([
                        .text(alertID), .text(clean.source.feed.id), .text(clean.source.item.id), .text(json),
                        .date(now),
                    ])
                    guard added == 1 else {
                        results.append(nil)
                        continue
                    }
                    let later = try count.rows([.text(alertID)]) { $0.int(0) }.first ?? 1
                    var update = clean
                    update.sources = later + 1
                    results.append(update)
                }
                return results
            }
        }
    }

    /// Every later source of an alert, as the updates that recorded them, oldest first.
    public func sources(ofAlert alertID: String) throws(StoreError) -> [AlertUpdate] {
        try updates(where: "alert_id = ?", [.text(alertID)])
    }

    /// The `alert_update` events not yet in the log, oldest first.
    public func pendingUpdates() throws(StoreError) -> [AlertUpdate] {
        try updates(where: "logged_at IS NULL", [])
    }

    /// Records that these updates are in the alert log.
    public func markLogged(updates: [AlertUpdate], at now: Date = Date()) throws(StoreError) {
        try requireWritable("marking updates logged")
        guard !updates.isEmpty else { return }
        try locked { (db) throws(StoreError) in
            try db.setSynchronous(.normal)
            let mark = try db.statement(
                """
                UPDATE alert_sources SET logged_at = ?
                WHERE alert_id = ? AND feed_id = ? AND item_id = ? AND logged_at IS NULL
                """)
            try db.writeTransaction { () throws(StoreError) in
                for update in updates {
                    try mark.run([
                        .date(now), .text(update.alertID), .text(update.source.feed.id), .text(update.source.item.id),
                    ])
                }
            }
        }
    }

    /// The updates of the rows that satisfy `condition`, each with the count of sources its alert
    /// had once it was added (the original, and every source added up to and including it).
    private func updates(where condition: String, _ values: [SQLValue]) throws(StoreError) -> [AlertUpdate] {
        let rows = try locked { (db) throws(StoreError) in
            try db.statement(
                """
                SELECT s.alert_id, s.json, s.added,
                    (SELECT count(*) FROM alert_sources AS e WHERE e.alert_id = s.alert_id AND e.added <= s.added)
                FROM alert_sources AS s WHERE \(condition) ORDER BY s.added, s.alert_id
                """
            ).rows(values) { row in (row.text(0) ?? "", row.text(1) ?? "", row.date(2) ?? Date(), row.int(3)) }
        }
        let decoder = JSONDecoder()
        return try rows.map { (row) throws(StoreError) in
            do {
                let source = try decoder.decode(AlertUpdate.Source.self, from: Data(row.1.utf8))
                return AlertUpdate(timestamp: row.2, alertID: row.0, sources: row.3 + 1, source: source)
            } catch {
                throw StoreError(code: SQLITE_CORRUPT, message: "a source of alert \(row.0) does not decode: \(error)")
            }
        }
    }
}

/// An alert's story fingerprint, for finding the same story told again.
public struct StoryPrint: Sendable, Hashable {
    public var alertID: String
    public var rule: String
    public var feed: String
    public var fingerprint: UInt64

    public init(alertID: String, rule: String, feed: String, fingerprint: UInt64) {
        self.alertID = alertID
        self.rule = rule
        self.feed = feed
        self.fingerprint = fingerprint
    }
}
