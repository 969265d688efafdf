import Foundation

/// The syndication format a document turned out to be, detected from the document itself.
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss090 = "rss0.90"
    case rss091 = "rss0.91"
    case rss092 = "rss0.92"
    case rss093 = "rss0.93"
    case rss094 = "rss0.94"
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case atom03 = "atom0.3"
    case atom10 = "atom1.0"
    case json = "json1"
}

/// A feed as the parser understood it.
public struct ParsedFeed: Sendable, Hashable, Codable {
    public var title: String?
    public var link: String?
    /// The feed's own description (Atom `subtitle`/`tagline`, RSS channel `description`), as text.
    public var subtitle: String?
    /// When the feed says it last changed (Atom `updated`, RSS `lastBuildDate`, else its `pubDate`).
    public var updated: Date?
    /// The feed's authors (items without their own inherit them).
    public var authors: [String] = []
    /// The character encoding the document was read in, lower-case (`utf-8`, `windows-1252`…).
    public var encoding: String?
    public var format: FeedFormat
    public var items: [FeedItem]
    /// True when the document was ill-formed and what is here was recovered from it.
    public var partial: Bool
    /// Hints the publisher gives about how often to poll (RSS `ttl`, `sy:updatePeriod`…).
    public var refreshHint: TimeInterval?
    /// Non-fatal problems met while parsing, one short sentence each.
    public var warnings: [String]

    public init(
        title: String? = nil, link: String? = nil, format: FeedFormat, items: [FeedItem] = [],
        partial: Bool = false, refreshHint: TimeInterval? = nil, warnings: [String] = []
    ) {
        self.title = title
        self.link = link
        self.format = format
        self.items = items
        self.partial = partial
        self.refreshHint = refreshHint
        self.warnings = warnings
    }
}
