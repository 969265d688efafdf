import Foundation

/// An alert: a rule that fired on one item of one feed. This is the record the store keeps
/// and the alert log carries, one JSON object per line (`event_type` "alert").
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    public struct FeedRef: Sendable, Hashable, Codable {
        public var id: String
        public var url: String

        public init(id: String, url: String) {
            self.id = id
            self.url = url
        }
    }

    public struct ItemRef: Sendable, Hashable, Codable {
        public var id: String
        public var title: String?
        public var link: String?
        public var published: Date?

        public init(id: String, title: String?, link: String?, published: Date?) {
            self.id = id
            self.title = title
            self.link = link
            self.published = published
        }
    }

    public var eventType: String = "alert"
    public var timestamp: Date
    /// Stable for the same feed, item and rule: see `Alert.id(feed:item:rule:)`.
    public var alertID: String
    public var severity: Severity
    public var rule: String
    public var feed: FeedRef
    public var item: ItemRef
    public var matches: [Match]
    public var snippet: String

    public var id: String { alertID }

    public init(
        timestamp: Date, alertID: String, severity: Severity, rule: String, feed: FeedRef,
        item: ItemRef, matches: [Match], snippet: String
    ) {
        self.timestamp = timestamp
        self.alertID = alertID
        self.severity = severity
        self.rule = rule
        self.feed = feed
        self.item = item
        self.matches = matches
        self.snippet = snippet
    }

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type"
        case timestamp
        case alertID = "alert_id"
        case severity, rule, feed, item, matches, snippet
    }

    /// The alert id: the first 128 bits of SHA-256 over feed id, item id and rule id.
    public static func id(feed: String, item: String, rule: String) -> String {
        let bytes = Array("\(feed)\u{0}\(item)\u{0}\(rule)".utf8)
        return SHA256.hex(of: bytes).prefix(32).description
    }
}
