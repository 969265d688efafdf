import Foundation

/// When one feed is fetched next, as a value state machine: the daemon feeds it events with the current time and
/// does what the returned `Action` says. No clock, no timers, no I/O inside — tests drive it with plain dates.
///
/// ```swift
/// var schedule = FeedSchedule(interval: feed.interval, policy: policy, now: now)
/// if case .fetch = schedule.event(.tick, now: now, using: &rng) { start the fetch }
/// … = schedule.event(.completed(.fetched(hint: parsed.refreshHint, freshFor: response.freshFor, missedItems: false)), now: now, using: &rng)
/// ```
public struct FeedSchedule: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        /// Waiting for the next regular fetch.
        case idle(nextDue: Date)
        /// A fetch is in flight since this time.
        case fetching(since: Date)
        /// The last fetches failed; no fetch before this time.
        case backingOff(until: Date)
        /// Not fetched any more (410 Gone), until re-enabled.
        case disabled(reason: String)
    }

    /// What happened, as far as the schedule is concerned.
    public enum Event: Sendable, Hashable {
        /// Time passed: is the feed due?
        case tick
        /// Fetch now whatever the schedule says (`run --once`, a user request) unless already fetching or disabled.
        case fetchNow
        /// The fetch ended.
        case completed(Result)
        /// The configuration was (re)loaded: a new interval, and disabled feeds come back.
        case reconfigured(interval: TimeInterval?)
    }

    /// How a fetch ended.
    public enum Result: Sendable, Hashable {
        /// New content. `hint` is the feed's own refresh hint (RSS ttl, sy:updatePeriod…), `freshFor` the HTTP
        /// one (Cache-Control max-age, Expires); `missedItems` is true when every item was new on a feed seen
        /// before, so its window probably overflowed.
        case fetched(hint: TimeInterval?, freshFor: TimeInterval?, missedItems: Bool)
        /// 304: nothing new. `freshFor` as above.
        case notModified(freshFor: TimeInterval?)
        /// A failure that may pass: back off, honouring `retryAfter` when the server gave one.
        case failed(retryAfter: TimeInterval?)
        /// 410 Gone: stop fetching.
        case gone
        /// Cancelled (shutdown): no penalty, due again at once.
        case cancelled
    }

    /// What the caller should do now.
    public enum Action: Sendable, Hashable {
        /// Start a fetch (the state is now `.fetching`).
        case fetch
        /// Nothing before this time.
        case wait(until: Date)
        /// Nothing to do: a fetch is already in flight.
        case none
        /// The feed is disabled now; tell the user why.
        case disable(reason: String)
        /// The feed is disabled; nothing to do.
        case stayDisabled
    }

    public internal(set) var state: State
    /// The configured interval (the default one when the feed sets none).
    public internal(set) var interval: TimeInterval
    public let policy: SchedulePolicy
    /// Failures since the last success.
    public internal(set) var consecutiveFailures = 0
    /// The publisher's last hints, kept so a 304 (which carries no feed) keeps honouring the feed's ttl.
    public internal(set) var feedHint: TimeInterval?
    /// Below 1 after the feed overflowed its window: the interval is scaled down by it, within bounds.
    public internal(set) var speedUp: Double = 1

    /// A new schedule, due at once (a feed never fetched should be fetched).
    public init(interval: TimeInterval?, policy: SchedulePolicy = SchedulePolicy(), now: Date) {
        self.policy = policy
        self.interval = interval ?? policy.defaultInterval
        state = .idle(nextDue: now)
    }

    /// A schedule resumed from stored state: due at `nextDue`, after `consecutiveFailures` failures, with the feed's
    /// last refresh hint; disabled when `disabledReason` is set.
    public init(
        interval: TimeInterval?, policy: SchedulePolicy = SchedulePolicy(), nextDue: Date, consecutiveFailures: Int,
        feedHint: TimeInterval? = nil, disabledReason: String? = nil
    ) {
        self.policy = policy
        self.interval = interval ?? policy.defaultInterval
        self.consecutiveFailures = max(0, consecutiveFailures)
        self.feedHint = feedHint
        if let disabledReason {
            state = .disabled(reason: disabledReason)
        } else {
            state = consecutiveFailures > 0 ? .backingOff(until: nextDue) : .idle(nextDue: nextDue)
        }
    }

    /// When the feed is next due, or nil while fetching or disabled.
    public var nextDue: Date? {
        switch state {
        case .idle(let date), .backingOff(let date): date
        case .fetching, .disabled: nil
        }
    }

    /// The interval used after a success: the configured one, lengthened (never shortened) by the publisher's
    /// hints, shortened by `speedUp` after overflows, clamped to the policy's bounds.
    public var effectiveInterval: TimeInterval {
        var value = max(interval, feedHint ?? 0)
        if speedUp < 1 {
            value = max(value * speedUp, min(interval, max(policy.fastestAdaptiveInterval, policy.minInterval)))
        }
        return policy.clamp(value)
    }
}
