import FeedwatchFetch
import FeedwatchMatch
import FeedwatchModel
import FeedwatchParse
import FeedwatchStore
import Foundation

/// What one feed's fetch, parse and match produced, before anything is stored.
struct FeedOutcome: Sendable {
    enum Result: Sendable {
        /// The feed without its items and the response without its body (`bytes` is its size):
        /// a feed waiting for its commit holds only what the commit needs, not its whole text.
        case parsed(ParsedFeed, FetchResponse, [MatchedItem], bytes: Int)
        case notModified(FetchResponse)
        case fetchFailed(FetchError)
        case parseFailed(ParseError, FetchResponse)
    }

    var feed: FeedSource
    var previous: FeedState?
    var result: Result
    var startedAt: Date
}

extension FeedOutcome.Result {
    /// The `result` label of the fetch counter: ok, not-modified, or the failure kind.
    var metricsLabel: String {
        switch self {
        case .parsed: "ok"
        case .notModified: "not-modified"
        case .fetchFailed(let error): error.kind.rawValue
        case .parseFailed(let error, _): error.kind == .notAFeed ? "not-a-feed" : "parse-error"
        }
    }
}

/// What the commit needs of an item: who it is, its content hash, the rules that fire on it
/// and — when some do — its story fingerprint, all computed where feeds are processed side by
/// side rather than at commit. The item's text is not kept.
struct MatchedItem: Sendable {
    var item: Alert.ItemRef
    var updated: Date?
    var contentHash: String
    var hits: [RuleHit]
    var snippets: [String]
    var fingerprint: UInt64?

    init(item: FeedItem, hits: [RuleHit], snippets: [String]) {
        self.item = Alert.ItemRef(id: item.id, title: item.title, link: item.link, published: item.published)
        self.updated = item.updated
        self.contentHash = item.contentHash
        self.hits = hits
        self.snippets = snippets
        self.fingerprint = hits.isEmpty ? nil : StoryFingerprint.of(item)
    }
}

extension FeedItem {
    /// SHA-256 of the text the matcher reads: changes when the item is edited.
    var contentHash: String {
        var bytes: [UInt8] = []
        for field in ItemField.allCases {
            bytes += Array((text(of: field) ?? "").utf8)
            bytes.append(0)
        }
        return SHA256.hex(of: bytes)
    }
}
