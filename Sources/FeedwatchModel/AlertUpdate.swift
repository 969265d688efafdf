import Foundation

/// A later source for an alert already raised: another outlet's item telling the same story.
/// The alert log carries it as an `alert_update` event, never as a second alert.
public struct AlertUpdate: Sendable, Hashable, Codable {
    public struct Source: Sendable, Hashable, Codable {
        public var feed: Alert.FeedRef
        public var item: Alert.ItemRef

        public init(feed: Alert.FeedRef, item: Alert.ItemRef) {
            self.feed = feed
            self.item = item
        }
    }

    public var eventType: String = "alert_update"
    /// When the source was added.
    public var timestamp: Date
    public var alertID: String
    /// Stable for the same alert and source: see `AlertUpdate.id(alert:feed:item:)`.
    public var updateID: String
    /// How many sources the alert has with this one, the first included.
    public var sources: Int
    public var source: Source

    public init(timestamp: Date, alertID: String, sources: Int, source: Source) {
        self.timestamp = timestamp
        self.alertID = alertID
        self.updateID = Self.id(alert: alertID, feed: source.feed.id, item: source.item.id)
        self.sources = sources
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type"
        case timestamp
        case alertID = "alert_id"
        case updateID = "update_id"
        case sources, source
    }

    /// The first 128 bits of SHA-256 over alert id, feed id and item id.
    public static func id(alert: String, feed: String, item: String) -> String {
        SHA256.hex(of: Array("\(alert)\u{0}\(feed)\u{0}\(item)".utf8)).prefix(32).description
    }

    /// The update with every text field sanitized.
    public var sanitized: AlertUpdate {
        var copy = self
        copy.source.feed = Alert.FeedRef(id: source.feed.id.sanitized, url: source.feed.url.sanitized)
        copy.source.item = Alert.ItemRef(
            id: source.item.id.sanitized, title: source.item.title?.sanitized, link: source.item.link?.sanitized,
            published: source.item.published)
        return copy
    }
}
