import FeedwatchModel
import Foundation

extension Store {
    /// The alerts that satisfy every condition of the query. With a limit, the most recent
    /// ones; in time order unless `query.newestFirst`.
    public func alerts(_ query: AlertQuery) throws(StoreError) -> [Alert] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let since = query.since {
            conditions.append("created >= ?")
            values.append(.date(since))
        }
        if let until = query.until {
            conditions.append("created < ?")
            values.append(.date(until))
        }
        if let feed = query.feed {
            conditions.append("feed_id = ?")
            values.append(.text(feed))
        }
        if let rule = query.rule {
            conditions.append("rule = ?")
            values.append(.text(rule))
        }
        if let entity = query.entity {
            conditions.append("alert_id IN (SELECT alert_id FROM alert_entities WHERE entity = ?)")
            values.append(.text(entity))
        }
        if let minimum = query.minSeverity {
            let allowed = Severity.allCases.filter { $0 >= minimum }
            conditions.append("severity IN (\(allowed.map { _ in "?" }.joined(separator: ", ")))")
            values.append(contentsOf: allowed.map { .text($0.rawValue) })
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // The newest `limit` rows, then put back in the order asked for.
        let sql =
            "SELECT alert_id, json FROM alerts\(whereClause) ORDER BY created DESC, rowid DESC LIMIT ?"
        values.append(.int(query.limit ?? -1))
        let rows = try locked { (db) throws(StoreError) in
            try db.statement(sql).rows(values) { row in (row.text(0), row.text(1)) }
        }
        let alerts = try rows.map { (row) throws(StoreError) in try decode(row.1, id: row.0) }
        return query.newestFirst ? alerts : alerts.reversed()
    }

    /// One alert by its id, or nil.
    public func alert(id: String) throws(StoreError) -> Alert? {
        let json = try locked { (db) throws(StoreError) in
            try db.statement("SELECT json FROM alerts WHERE alert_id = ?").rows([.text(id)]) { $0.text(0) }.first
        }
        guard let json else { return nil }
        return try decode(json, id: id)
    }

    /// The ids of stored alerts that begin with `prefix` (at most `limit`), so a person can
    /// type the first few characters of an id, as with git.
    public func alertIDs(withPrefix prefix: String, limit: Int = 10) throws(StoreError) -> [String] {
        // A range on the primary key instead of LIKE, which would treat % and _ as wildcards.
        try locked { (db) throws(StoreError) in
            try db.statement(
                "SELECT alert_id FROM alerts WHERE alert_id >= ? AND alert_id < ? ORDER BY alert_id LIMIT ?"
            )
            .rows([.text(prefix), .text(prefix + "\u{10FFFF}"), .int(limit)]) { $0.text(0) ?? "" }
        }
    }

    /// When the alert was written to the log, or nil while it is pending (or unknown).
    public func loggedAt(alertID: String) throws(StoreError) -> Date? {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT logged_at FROM alerts WHERE alert_id = ?").rows([.text(alertID)]) { $0.date(0) }
                .first ?? nil
        }
    }

    /// How many alerts the store holds.
    public func alertCount() throws(StoreError) -> Int {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT count(*) FROM alerts").rows { $0.int(0) }.first ?? 0
        }
    }
}
