import CSQLite
import FeedwatchModel
import Foundation

/// The SQLite store: feeds with their fetch state, items seen, alerts. The source of truth;
/// the alert log is derived from it.
public final class Store: @unchecked Sendable {
    public let path: String

    public init(path: String) throws(StoreError) {
        self.path = path
    }

    public func feedState(_ feedID: String) throws(StoreError) -> FeedState? { nil }
    public func feedStates() throws(StoreError) -> [FeedState] { [] }
    public func saveFeedState(_ state: FeedState) throws(StoreError) {}

    /// The seen-record (content hash) of each of these items already recorded for the feed.
    public func seenItems(feed: String, ids: [String]) throws(StoreError) -> [String: String] { [:] }

    /// In one transaction: marks the items seen and inserts the alerts not already stored.
    /// Returns the alerts that were new.
    @discardableResult
    public func commit(feed: String, seen: [SeenItem], alerts: [Alert]) throws(StoreError) -> [Alert] { alerts }

    /// Alerts committed but not yet written to the alert log, oldest first.
    public func pendingAlerts() throws(StoreError) -> [Alert] { [] }
    public func markLogged(_ alertIDs: [String]) throws(StoreError) {}

    public func alerts(_ query: AlertQuery) throws(StoreError) -> [Alert] { [] }
    public func alert(id: String) throws(StoreError) -> Alert? { nil }
}
