import FeedwatchModel
import Foundation

/// What one `prune` removed.
public struct PruneResult: Sendable, Hashable {
    public var items: Int
    public var alerts: Int

    public init(items: Int, alerts: Int) {
        self.items = items
        self.alerts = alerts
    }
}

extension Store {
    /// Removes seen items last seen before `cutoff` that their feed no longer lists (they were
    /// neither seen nor listed at the feed's latest commit), and alerts raised before `cutoff` that are already
    /// in the log. Pending alerts are never pruned, whatever their age.
    @discardableResult
    public func prune(olderThan cutoff: Date) throws(StoreError) -> PruneResult {
        try prune(itemsOlderThan: cutoff, alertsOlderThan: cutoff)
    }

    /// `prune(olderThan:)` with separate ages for items and alerts.
    @discardableResult
    public func prune(itemsOlderThan itemCutoff: Date, alertsOlderThan alertCutoff: Date) throws(StoreError)
        -> PruneResult
    {
        try requireWritable("pruning")
        return try locked { (db) throws(StoreError) in
            try db.setSynchronous(.normal)
            let items = try db.statement(
                """
                DELETE FROM items_seen WHERE last_seen < ?1 AND last_seen < (
                    SELECT max(latest.last_seen) FROM items_seen AS latest WHERE latest.feed_id = items_seen.feed_id)
                """)
            // An alert with an update still to log stays until the update is logged too.
            let alerts = try db.statement(
                """
                DELETE FROM alerts WHERE created < ? AND logged_at IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM alert_sources WHERE alert_sources.alert_id = alerts.alert_id AND logged_at IS NULL)
                """)
            return try db.writeTransaction { () throws(StoreError) in
                let removedItems = try items.run([.date(itemCutoff)])
                let removedAlerts = try alerts.run([.date(alertCutoff)])
                return PruneResult(items: removedItems, alerts: removedAlerts)
            }
        }
    }
}
