import Foundation

/// A configured feed: where to fetch it and how often.
public struct FeedSource: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var url: String
    /// Seconds between fetches.
    public var interval: TimeInterval
    /// Items published longer ago than this when the feed is first seen are recorded without alerting.
    public var backfill: TimeInterval?
    public var location: SourceLocation?

    public init(
        id: String, url: String, interval: TimeInterval, backfill: TimeInterval? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.url = url
        self.interval = interval
        self.backfill = backfill
        self.location = location
    }
}
