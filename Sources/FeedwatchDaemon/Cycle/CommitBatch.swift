import FeedwatchModel
import FeedwatchStore
import Foundation

/// Feeds' results waiting to be committed together: one transaction (one fsync) for many
/// feeds, yet never held long, so a slow feed does not delay the alerts of the others.
struct CommitBatch {
    /// Commit when this many feeds wait…
    static let maxFeeds = 256
    /// …or when the oldest has waited this long.
    static let maxWait: TimeInterval = 1
    /// A story seen again within this window, from another feed, corroborates its first alert.
    static let storyWindow: TimeInterval = 48 * 3600

    var commits: [FeedCommit] = []
    /// Each feed's state to save once the commit succeeded (new validators)…
    var states: [FeedState] = []
    /// …and to save if it failed (old validators, so the items come back).
    var fallbacks: [FeedState] = []
    /// Later sources of a story: the alert they corroborate, and who said it.
    var corroborations: [(alertID: String, source: AlertUpdate.Source)] = []
    /// Alerts of this batch by story (canonical link and rule), for stories told twice in one batch.
    private var stories: [String: String] = [:]
    private var since: Date?

    func isDue(at now: Date) -> Bool {
        commits.count >= Self.maxFeeds || since.map { now.timeIntervalSince($0) >= Self.maxWait } ?? false
    }

    /// Dedupes one feed's items against the store and adds what is new or edited. Returns how
    /// many items were never seen before.
    mutating func add(
        _ matched: [MatchedItem], feed: FeedSource, firstFetch: Bool, store: Store, now: Date, state: FeedState,
        fallback: FeedState
    ) throws -> Int {
        let seen = try store.seenItems(feed: feed.id, ids: matched.map(\.item.id))
        var marks: [SeenItem] = []
        var listed: [String] = []
        var alerts: [Alert] = []
        var newCount = 0
        for entry in matched {
            let previousHash = seen[entry.item.id]
            if previousHash == entry.contentHash {
                listed.append(entry.item.id)
                continue
            }
            if previousHash == nil { newCount += 1 }
            marks.append(
                SeenItem(itemID: entry.item.id, contentHash: entry.contentHash, published: entry.item.published))
            // A new feed's archive is recorded without alerting, so adding a feed never floods the log.
            if firstFetch, let published = entry.item.published ?? entry.item.updated,
                let window = feed.backfill, now.timeIntervalSince(published) > window
            {
                continue
            }
            for (hit, snippet) in zip(entry.hits, entry.snippets) {
                let alert = Alert(feed: feed, item: entry.item, hit: hit, snippet: snippet, at: now)
                if let story = try story(of: alert, store: store, now: now) {
                    corroborations.append((story, AlertUpdate.Source(feed: alert.feed, item: alert.item)))
                } else {
                    alerts.append(alert)
                }
            }
        }
        // An edited item re-raises only rules it did not fire before: the alert id is stable
        // per feed, item and rule, and the store ignores ids it already holds.
        commits.append(FeedCommit(feed: feed.id, seen: marks, alerts: alerts, listed: listed))
        states.append(state)
        fallbacks.append(fallback)
        since = since ?? now
        return newCount
    }

    /// The alert an earlier outlet raised for the same story (same canonical link and rule),
    /// or nil when this alert is the first; remembers it as the first otherwise.
    private mutating func story(of alert: Alert, store: Store, now: Date) throws -> String? {
        guard let link = alert.item.link, let canonical = CanonicalLink.canonical(link) else { return nil }
        let key = alert.rule + "\u{0}" + canonical
        if let first = stories[key] { return first == alert.alertID ? nil : first }
        if let earlier = try store.storyAlert(
            link: link, rule: alert.rule, since: now.addingTimeInterval(-Self.storyWindow), excludingFeed: alert.feed.id
        ) {
            return earlier.alertID
        }
        stories[key] = alert.alertID
        return nil
    }
}

extension FeedState {
    /// This state (as it was before the fetch) after a failed store commit: the validators it
    /// had, so the feed is fetched in full again and its items come back.
    func failed(_ error: (any Error)?) -> FeedState {
        var state = self
        state.status = "store-error"
        state.lastError = error.map { "\($0)" }
        state.consecutiveFailures += 1
        return state
    }
}
