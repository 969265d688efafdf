import FeedwatchModel
import Foundation

/// Which alerts to list. Every condition given must hold.
public struct AlertQuery: Sendable, Hashable {
    /// Alerts raised at or after this time.
    public var since: Date?
    /// Alerts raised before this time.
    public var until: Date?
    public var feed: String?
    public var rule: String?
    /// An entity id (place, group or topic) that one of the alert's matches names.
    public var entity: String?
    /// At most this many alerts: the most recent ones.
    public var limit: Int?
    /// Only alerts of this severity or above.
    public var minSeverity: Severity?
    /// Newest first when true; otherwise oldest first (the most recent `limit`, in time order).
    public var newestFirst: Bool

    public init(
        since: Date? = nil, until: Date? = nil, feed: String? = nil, rule: String? = nil,
        entity: String? = nil, limit: Int? = nil, minSeverity: Severity? = nil, newestFirst: Bool = false
    ) {
        self.since = since
        self.until = until
        self.feed = feed
        self.rule = rule
        self.entity = entity
        self.limit = limit
        self.minSeverity = minSeverity
        self.newestFirst = newestFirst
    }
}
