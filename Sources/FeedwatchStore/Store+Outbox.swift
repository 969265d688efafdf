import FeedwatchModel
import Foundation

extension Store {
    /// Alerts committed but not yet written to the alert log, oldest first.
    public func pendingAlerts() throws(StoreError) -> [Alert] {
        try pendingAlerts(limit: nil)
    }

    /// At most `limit` of the alerts committed but not yet logged, oldest first.
    public func pendingAlerts(limit: Int?) throws(StoreError) -> [Alert] {
        try pendingAlerts(limit: limit, inHand: [])
    }

    /// The alerts committed but not yet logged, oldest first, taking those the caller holds
    /// (as `commit` returned them) from `inHand` instead of decoding their stored JSON again:
    /// after a commit, the outbox is usually exactly what the commit just returned.
    public func pendingAlerts(inHand: [Alert]) throws(StoreError) -> [Alert] {
        try pendingAlerts(limit: nil, inHand: inHand)
    }

    private func pendingAlerts(limit: Int?, inHand: [Alert]) throws(StoreError) -> [Alert] {
        let held = Dictionary(inHand.map { ($0.alertID, $0) }) { first, _ in first }
        return try locked { (db) throws(StoreError) in
            let rows = try db.statement(
                "SELECT alert_id, json FROM alerts WHERE logged_at IS NULL ORDER BY created, rowid LIMIT ?"
            ).rows([.int(limit ?? -1)]) { row in
                let id = row.text(0)
                let alert = id.flatMap { held[$0] }
                return (id: id, alert: alert, json: alert == nil ? row.text(1) : nil)
            }
            return try rows.map { (row) throws(StoreError) in
                if let alert = row.alert { return alert }
                return try decode(row.json, id: row.id)
            }
        }
    }

    /// Whether nothing waits to be written to the log: no alert and no corroborating source
    /// committed but not yet marked logged. (Both are partial indexes: a cheap question.)
    public func outboxIsEmpty() throws(StoreError) -> Bool {
        try locked { (db) throws(StoreError) in
            try db.statement(
                """
                SELECT NOT EXISTS (SELECT 1 FROM alerts WHERE logged_at IS NULL)
                    AND NOT EXISTS (SELECT 1 FROM alert_sources WHERE logged_at IS NULL)
                """
            ).rows { $0.int(0) }.first == 1
        }
    }

    /// How many alerts wait to be written to the log.
    public func pendingCount() throws(StoreError) -> Int {
        try locked { (db) throws(StoreError) in
            try db.statement("SELECT count(*) FROM alerts WHERE logged_at IS NULL").rows { $0.int(0) }.first ?? 0
        }
    }

    /// Records that these alerts are in the alert log (after it was fsynced). Ids already marked
    /// or unknown are ignored.
    public func markLogged(_ alertIDs: [String]) throws(StoreError) {
        try markLogged(alertIDs, at: Date())
    }

    public func markLogged(_ alertIDs: [String], at now: Date) throws(StoreError) {
        try requireWritable("marking alerts logged")
        guard !alertIDs.isEmpty else { return }
        try locked { (db) throws(StoreError) in
            // NORMAL is enough: a mark undone by a power loss only makes the writer meet an alert
            // that is already in the log, which it recognises by id.
            try db.setSynchronous(.normal)
            // One statement per thousand ids, the ids passed as a JSON array: far fewer round trips
            // through the bindings than one UPDATE per id.
            let mark = try db.statement(
                """
                UPDATE alerts SET logged_at = ?
                WHERE alert_id IN (SELECT value FROM json_each(?)) AND logged_at IS NULL
                """)
            try db.writeTransaction { () throws(StoreError) in
                for start in stride(from: 0, to: alertIDs.count, by: 1000) {
                    let chunk = alertIDs[start..<min(start + 1000, alertIDs.count)]
                    try mark.run([.date(now), .text(Self.jsonArray(chunk))])
                }
            }
        }
    }

    /// A JSON array of strings, for `json_each`.
    static func jsonArray(_ strings: some Collection<String>) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: Array(strings))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
