import FeedwatchFetch
import FeedwatchMatch
import FeedwatchModel
import FeedwatchOutput
import FeedwatchParse
import FeedwatchStore
import Foundation
import Logging

/// One pass over a set of feeds: fetch → parse → match → dedupe → store → alert log.
///
/// Fetching, parsing and matching run concurrently, one child task per feed; the store and
/// the log are written from one place, in the order feeds finish, a batch of feeds per
/// transaction. The store is the source of truth: an alert is committed with its "item seen"
/// mark in one transaction, then appended to the log from the store's outbox, so a crash
/// between the two loses nothing.
public final class Pipeline: Sendable {
    let fetcher: Fetcher
    let store: Store
    let alertLog: AlertLog
    let logger: Logger
    let metrics: Metrics

    public init(fetcher: Fetcher, store: Store, alertLog: AlertLog, logger: Logger, metrics: Metrics = Metrics()) {
        self.fetcher = fetcher
        self.store = store
        self.alertLog = alertLog
        self.logger = logger
        self.metrics = metrics
    }

    /// Runs the feeds once with the given configuration. `onAlert` sees each new alert as it is committed.
    public func run(
        _ feeds: [FeedSource], with configuration: Configuration, now: @escaping @Sendable () -> Date = Date.init,
        onAlert: (Alert) -> Void = { _ in }
    ) async -> CycleReport {
        let started = now()
        var report = CycleReport()
        report.feeds = feeds.count
        report.logError = flushOutbox()
        let matcher = configuration.matcher
        let limits = configuration.config.fetch
        // The store is only touched from this task: read every feed's state up front.
        let states = (try? store.feedStatesByID()) ?? [:]
        // Stories of the last two days, read once: new alerts are compared with them in memory.
        let recent = (try? store.storyPrints(since: started.addingTimeInterval(-CommitBatch.storyWindow))) ?? []
        var batch = CommitBatch(printed: recent.map { ($0, nil) })
        await withTaskGroup(of: FeedOutcome.self) { group in
            var queue = feeds[...]
            // Keep a bounded number of feeds in flight; the fetcher bounds connections itself.
            for _ in 0..<min(max(limits.maxConcurrent, 1), queue.count) {
                let feed = queue.removeFirst()
                let previous = states[feed.id]
                group.addTask { await self.process(feed, previous: previous, matcher: matcher, now: now) }
            }
            for await outcome in group {
                if Task.isCancelled { fetcher.shutdown() }
                if let next = queue.popFirst(), !Task.isCancelled {
                    let previous = states[next.id]
                    group.addTask { await self.process(next, previous: previous, matcher: matcher, now: now) }
                }
                record(outcome, into: &report, batch: &batch, now: now())
                if batch.isDue(at: now()) { commit(&batch, into: &report, now: now(), onAlert: onAlert) }
            }
        }
        commit(&batch, into: &report, now: now(), onAlert: onAlert)
        report.duration = now().timeIntervalSince(started)
        return report
    }

    /// Fetch, parse and match one feed. Touches the store only to read its previous state.
    private func process(
        _ feed: FeedSource, previous: FeedState?, matcher: Matcher, now: @Sendable () -> Date
    ) async -> FeedOutcome {
        let startedAt = now()
        let known = previous?.url == feed.url ? previous : nil
        let request = FetchRequest(
            url: known?.fetchURL ?? feed.url, etag: known?.etag, lastModified: known?.lastModified)
        // The body is parsed while it arrives; the rest of the work starts when the transfer ends.
        let parser = StreamingParse()
        switch await fetcher.fetch(request, observer: parser) {
        case .failed(let error):
            return FeedOutcome(feed: feed, previous: previous, result: .fetchFailed(error), startedAt: startedAt)
        case .notModified(let response):
            return FeedOutcome(feed: feed, previous: previous, result: .notModified(response), startedAt: startedAt)
        case .fetched(let response):
            do {
                let parsed = try await parser.parse(response).get()
                let at = now()
                let matched = parsed.items.map { item in
                    let hits = matcher.evaluate(item, at: at)
                    return MatchedItem(
                        item: item, hits: hits, snippets: hits.map { matcher.snippet(for: $0, in: item) })
                }
                var header = parsed
                header.items = []
                var head = response
                head.body = []
                return FeedOutcome(
                    feed: feed, previous: previous, result: .parsed(header, head, matched, bytes: response.body.count),
                    startedAt: startedAt)
            } catch {
                return FeedOutcome(
                    feed: feed, previous: previous, result: .parseFailed(error, response), startedAt: startedAt)
            }
        }
    }

    /// Accounts for one feed's outcome: failures and 304s are saved at once; parsed items are
    /// deduped and join the batch, whose commit saves the feed's new validators.
    private func record(_ outcome: FeedOutcome, into report: inout CycleReport, batch: inout CommitBatch, now: Date) {
        let feed = outcome.feed
        var state = outcome.previous ?? FeedState(feedID: feed.id, url: feed.url)
        if state.url != feed.url {
            state = FeedState(feedID: feed.id, url: feed.url)
        }
        state.lastAttempt = outcome.startedAt
        state.duration = now.timeIntervalSince(outcome.startedAt)
        metrics.recordFetch(result: outcome.result.metricsLabel, duration: .seconds(state.duration))
        state.nextDue = now.addingTimeInterval(feed.interval)

        switch outcome.result {
        case .fetchFailed(let error):
            report.failed.append((feed.id, error.description))
            state.status = error.kind.rawValue
            state.lastError = error.message
            state.consecutiveFailures += 1
            switch error.kind {
            case .gone:
                report.scheduleResults[feed.id] = .gone
                logger.error(
                    "feed is gone (HTTP 410); it will not be fetched again until the configuration is reloaded",
                    metadata: ["feed": "\(feed.id)"])
            case .cancelled:
                report.scheduleResults[feed.id] = .cancelled
            default:
                report.scheduleResults[feed.id] = .failed(retryAfter: error.retryAfter)
                logger.warning(
                    "feed fetch failed",
                    metadata: ["feed": "\(feed.id)", "kind": "\(error.kind.rawValue)", "error": "\(error.message)"])
            }
        case .parseFailed(let error, let response):
            report.failed.append((feed.id, error.description))
            state.status = error.kind == .notAFeed ? "not-a-feed" : "parse-error"
            state.lastError = error.message
            state.consecutiveFailures += 1
            state.bytes = response.body.count
            report.scheduleResults[feed.id] = .failed(retryAfter: nil)
            metrics.recordParseError()
            logger.warning(
                "feed parse failed",
                metadata: ["feed": "\(feed.id)", "kind": "\(error.kind.rawValue)", "error": "\(error.message)"])
        case .notModified(let response):
            noteRedirect(response, feed: feed, state: &state)
            report.notModified += 1
            report.scheduleResults[feed.id] = .notModified(freshFor: response.freshFor)
            state.status = "not-modified"
            state.lastError = nil
            state.consecutiveFailures = 0
            state.lastSuccess = now
        case .parsed(let parsed, let response, let matched, let bytes):
            let before = state
            noteRedirect(response, feed: feed, state: &state)
            report.fetched += 1
            report.items += matched.count
            metrics.addItemsParsed(matched.count)
            state.status = parsed.partial ? "partial" : "ok"
            state.lastError = parsed.partial ? parsed.warnings.first : nil
            state.consecutiveFailures = 0
            state.bytes = bytes
            state.itemCount = matched.count
            state.lastSuccess = now
            state.etag = response.etag
            state.lastModified = response.lastModified
            do {
                let isFirstFetch = outcome.previous?.lastSuccess == nil
                let newCount = try batch.add(
                    matched, feed: feed, firstFetch: isFirstFetch, store: store, now: now,
                    state: state, fallback: before)
                report.newItems += newCount
                // Every item new on a feed seen before: its window probably overflowed between fetches.
                let missed = !isFirstFetch && newCount == matched.count && matched.count > 1
                if missed {
                    logger.warning(
                        "every item in the feed is new: items were probably missed; fetching it more often",
                        metadata: ["feed": "\(feed.id)", "items": "\(newCount)"])
                }
                report.scheduleResults[feed.id] = .fetched(
                    hint: parsed.refreshHint, freshFor: response.freshFor, missedItems: missed)
            } catch {
                storeFailed(feed.id, error, into: &report)
                batch.save(before.failed(error), now: now)
            }
            return
        }
        batch.save(state, now: now)
    }

    /// A feed that redirects permanently to the same address on `FeedState.movedAfter` fetches in
    /// a row is fetched there from then on (the configured URL stays its identity); said once.
    private func noteRedirect(_ response: FetchResponse, feed: FeedSource, state: inout FeedState) {
        guard state.movedCount < FeedState.movedAfter else { return }  // already moved: fetched at the new address
        guard let target = response.permanentRedirect else {
            state.movedTo = nil
            state.movedCount = 0
            return
        }
        state.movedCount = state.movedTo == target ? state.movedCount + 1 : 1
        state.movedTo = target
        if state.movedCount == FeedState.movedAfter {
            logger.notice(
                "feed moved permanently; fetching it at its new address from now on",
                metadata: ["feed": "\(feed.id)", "from": "\(feed.url)", "to": "\(target)"])
        }
    }

    private func save(_ states: [FeedState]) {
        do {
            try store.saveFeedStates(states)
        } catch {
            logger.error("feed states not saved", metadata: ["feeds": "\(states.count)", "error": "\(error)"])
        }
    }

    /// Commits the batch in one transaction, records the corroborating sources, saves the feeds'
    /// states, and writes the outbox to the log. On failure nothing of the batch is marked seen
    /// and the feeds keep their old validators, so the items come back (and alert) next cycle.
    private func commit(_ batch: inout CommitBatch, into report: inout CycleReport, now: Date, onAlert: (Alert) -> Void)
    {
        defer { batch = batch.next }
        guard !batch.isEmpty else { return }
        guard !batch.commits.isEmpty else { return save(batch.unchanged) }
        var fresh: [Alert] = []
        do {
            fresh = try store.commit(batch.commits, at: now)
            do {
                try store.corroborate(batch.corroborations, at: now)
            } catch {
                logger.warning(
                    "corroborating sources not recorded",
                    metadata: ["sources": "\(batch.corroborations.count)", "error": "\(error)"])
            }
            save(batch.states + batch.unchanged)
            report.alerts += fresh
            for alert in fresh {
                metrics.recordAlert(severity: alert.severity)
                onAlert(alert)
            }
        } catch {
            for state in batch.fallbacks { storeFailed(state.feedID, error, into: &report) }
            save(batch.fallbacks.map { $0.failed(error) } + batch.unchanged)
        }
        if let error = flushOutbox(inHand: fresh) { report.logError = error }
    }

    private func storeFailed(_ feed: String, _ error: any Error, into report: inout CycleReport) {
        report.storeErrors.append((feed, "\(error)"))
        // Not the feed's fault (a full disk, say): no backoff, fetched again at its usual interval.
        report.scheduleResults[feed] = .notModified(freshFor: nil)
        logger.error("store commit failed; items will be retried", metadata: ["feed": "\(feed)", "error": "\(error)"])
    }

    /// Appends committed-but-unlogged alerts to the log; `inHand` are alerts just committed,
    /// which need not be read back from the store. Returns the error, if the log could not be written.
    @discardableResult
    public func flushOutbox(inHand: [Alert] = []) -> String? {
        do {
            let pending = try store.pendingAlerts(inHand: inHand)
            if !pending.isEmpty {
                try alertLog.append(pending)
                try store.markLogged(pending.map(\.alertID))
            }
            let updates = try store.pendingUpdates()
            if !updates.isEmpty {
                try alertLog.append(updates: updates)
                try store.markLogged(updates: updates)
            }
            return nil
        } catch {
            logger.error("alert log not written; alerts stay pending in the store", metadata: ["error": "\(error)"])
            return "\(error)"
        }
    }
}

extension Alert {
    init(feed: FeedSource, item: ItemRef, hit: RuleHit, snippet: String, at now: Date) {
        self.init(
            timestamp: now, alertID: Alert.id(feed: feed.id, item: item.id, rule: hit.rule.id),
            severity: hit.rule.severity, rule: hit.rule.id, feed: FeedRef(id: feed.id, url: feed.url),
            item: item, matches: hit.matches, snippet: snippet)
    }
}
