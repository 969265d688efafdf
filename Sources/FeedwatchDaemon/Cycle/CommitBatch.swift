import FeedwatchMatch
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
    /// States of feeds with nothing to commit (304s, failures), saved with the batch.
    var unchanged: [FeedState] = []
    /// Later sources of a story: the alert they corroborate, and who said it.
    var corroborations: [(alertID: String, source: AlertUpdate.Source)] = []
    /// Alerts of this batch by story (canonical link and rule), for stories told twice in one batch.
    private var stories: [String: String] = [:]
    /// Recent alerts' story fingerprints (the store's last two days, then this cycle's), with
    /// their places and groups once known; carried from batch to batch through a cycle.
    private(set) var printed: [(print: StoryPrint, places: Set<String>?)]
    private var fingerprints: [String: UInt64] = [:]
    private var since: Date?

    init(printed: [(print: StoryPrint, places: Set<String>?)] = []) {
        self.printed = printed
    }

    /// An empty batch that keeps what this one knew about recent stories.
    var next: CommitBatch { CommitBatch(printed: printed) }

    var isEmpty: Bool { commits.isEmpty && unchanged.isEmpty }

    func isDue(at now: Date) -> Bool {
        commits.count + unchanged.count >= Self.maxFeeds
            || since.map { now.timeIntervalSince($0) >= Self.maxWait } ?? false
    }

    /// A feed's state to save with the batch, when it brought no items.
    mutating func save(_ state: FeedState, now: Date) {
        unchanged.append(state)
        since = since ?? now
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
            if firstFetch, let published = entry.item.published ?? entry.updated,
                let window = feed.backfill, now.timeIntervalSince(published) > window
            {
                continue
            }
            for (hit, snippet) in zip(entry.hits, entry.snippets) {
                let alert = Alert(feed: feed, item: entry.item, hit: hit, snippet: snippet, at: now)
                if let story = try story(of: alert, fingerprint: entry.fingerprint, store: store, now: now) {
                    corroborations.append((story, AlertUpdate.Source(feed: alert.feed, item: alert.item)))
                } else {
                    alerts.append(alert)
                }
            }
        }
        // An edited item re-raises only rules it did not fire before: the alert id is stable
        // per feed, item and rule, and the store ignores ids it already holds.
        let prints = fingerprints.filter { id, _ in alerts.contains { $0.alertID == id } }
        commits.append(FeedCommit(feed: feed.id, seen: marks, alerts: alerts, listed: listed, fingerprints: prints))
        states.append(state)
        fallbacks.append(fallback)
        since = since ?? now
        return newCount
    }

    /// The alert an earlier outlet raised for the same story — the same canonical link, or
    /// near-identical text (story fingerprints a few bits apart) — under the same rule, or nil
    /// when this alert is the first; then it is remembered as the first.
    private mutating func story(of alert: Alert, fingerprint: UInt64?, store: Store, now: Date) throws -> String? {
        let since = now.addingTimeInterval(-Self.storyWindow)
        var key: String?
        if let link = alert.item.link, let canonical = CanonicalLink.canonical(link) {
            key = alert.rule + "\u{0}" + canonical
            if let first = stories[key!] { return first == alert.alertID ? nil : first }
            if let earlier = try store.storyAlert(
                link: link, rule: alert.rule, since: since, excludingFeed: alert.feed.id)
            {
                return earlier.alertID
            }
        }
        if let fingerprint {
            // Near-identical words are not enough: two incidents told in the same wire formula
            // differ in where they happened and who did it. The places and groups must agree too.
            let places = Self.placesAndGroups(of: alert)
            // The distance first: one popcount rules out nearly every earlier story before any
            // string is compared (this scan meets every recent alert).
            for index in printed.indices
            where StoryFingerprint.distance(printed[index].print.fingerprint, fingerprint)
                <= StoryFingerprint.maxDistance
                && printed[index].print.rule == alert.rule
                && printed[index].print.feed != alert.feed.id
            {
                // Decoded only when close: the places of an alert from an earlier cycle.
                if printed[index].places == nil, let earlier = try store.alert(id: printed[index].print.alertID) {
                    printed[index].places = Self.placesAndGroups(of: earlier)
                }
                if printed[index].places == places { return printed[index].print.alertID }
            }
            printed.append(
                (
                    StoryPrint(alertID: alert.alertID, rule: alert.rule, feed: alert.feed.id, fingerprint: fingerprint),
                    places
                ))
            fingerprints[alert.alertID] = fingerprint
        }
        if let key { stories[key] = alert.alertID }
        return nil
    }

    private static func placesAndGroups(of alert: Alert) -> Set<String> {
        Set(alert.matches.filter { $0.kind != .topic }.map(\.entity))
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
