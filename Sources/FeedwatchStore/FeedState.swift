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
    /// Where the feed's permanent redirects (301/308) lead, and on how many fetches in a row.
    /// Past `FeedState.movedAfter` fetches the new address is fetched instead.
    public var movedTo: String? = nil
    public var movedCount: Int = 0

    /// Consecutive fetches that must redirect permanently to the same address before it is adopted.
    public static let movedAfter = 3

    /// The address to fetch: the configured one, or where it moved permanently.
    public var fetchURL: String { movedCount >= Self.movedAfter ? movedTo ?? url : url }

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
