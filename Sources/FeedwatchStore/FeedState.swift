import Foundation

/// What the store remembers about one feed between fetches.
public struct FeedState: Sendable, Hashable, Codable {
    public var feedID: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    /// "ok", "not-modified", or the failure kind ("timeout", "http-status"…).
    public var status: String
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDue: Date?
    public var bytes: Int
    public var duration: TimeInterval
    public var itemCount: Int

    public init(
        feedID: String, url: String, etag: String? = nil, lastModified: String? = nil,
        lastAttempt: Date? = nil, lastSuccess: Date? = nil, status: String = "new",
        lastError: String? = nil, consecutiveFailures: Int = 0, nextDue: Date? = nil,
        bytes: Int = 0, duration: TimeInterval = 0, itemCount: Int = 0
    ) {
        self.feedID = feedID
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.status = status
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
        self.bytes = bytes
        self.duration = duration
        self.itemCount = itemCount
    }
}

/// An item recorded as seen, so it never alerts twice.
public struct SeenItem: Sendable, Hashable {
    public var itemID: String
    /// SHA-256 of the item's matchable text: an edit changes it.
    public var contentHash: String
    public var published: Date?

    public init(itemID: String, contentHash: String, published: Date?) {
        self.itemID = itemID
        self.contentHash = contentHash
        self.published = published
    }
}

/// Which alerts to list.
public struct AlertQuery: Sendable, Hashable {
    public var since: Date?
    public var until: Date?
    public var feed: String?
    public var rule: String?
    public var entity: String?
    public var limit: Int?

    public init(
        since: Date? = nil, until: Date? = nil, feed: String? = nil, rule: String? = nil,
        entity: String? = nil, limit: Int? = nil
    ) {
        self.since = since
        self.until = until
        self.feed = feed
        self.rule = rule
        self.entity = entity
        self.limit = limit
    }
}

public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "SQLite error \(code): \(message)" }
}
