import Foundation

extension FeedSchedule {
    /// Applies an event at `now`; returns what to do. Randomness (jitter) comes from `rng`, so tests can seed it.
    public mutating func event(
        _ event: Event, now: Date, using rng: inout some RandomNumberGenerator
    ) -> Action {
        switch (event, state) {
        case (_, .disabled):
            if case .reconfigured(let newInterval) = event {
                interval = newInterval ?? interval
                consecutiveFailures = 0
                state = .idle(nextDue: now)
                return .wait(until: now)
            }
            return .stayDisabled
        case (.tick, .idle(let due)), (.tick, .backingOff(let due)):
            guard now >= due else { return .wait(until: due) }
            state = .fetching(since: now)
            return .fetch
        case (.tick, .fetching), (.fetchNow, .fetching):
            return .none
        case (.fetchNow, _):
            state = .fetching(since: now)
            return .fetch
        case (.reconfigured(let newInterval), _):
            interval = newInterval ?? interval
            return nextDue.map { .wait(until: $0) } ?? .none
        case (.completed(let result), .fetching):
            return complete(result, now: now, using: &rng)
        case (.completed, _):
            // A result with no fetch in flight (a forced fetch raced a tick): apply it all the same.
            return complete(.cancelled, now: now, using: &rng)
        }
    }

    /// `event(_:now:using:)` with the system's random numbers.
    public mutating func event(_ event: Event, now: Date) -> Action {
        var rng = SystemRandomNumberGenerator()
        return self.event(event, now: now, using: &rng)
    }

    private mutating func complete(
        _ result: Result, now: Date, using rng: inout some RandomNumberGenerator
    ) -> Action {
        switch result {
        case .fetched(let hint, let freshFor, let missedItems):
            consecutiveFailures = 0
            if let hint, hint > 0 { feedHint = hint }
            // Multiplicative decrease on overflow, slow recovery while new items no longer overflow the window.
            speedUp = missedItems ? max(speedUp / 2, 1.0 / 16) : min(1, speedUp * 1.25)
            return scheduleNext(after: max(effectiveInterval, policy.clamp(freshFor ?? 0)), now: now, using: &rng)
        case .notModified(let freshFor):
            consecutiveFailures = 0
            return scheduleNext(after: max(effectiveInterval, policy.clamp(freshFor ?? 0)), now: now, using: &rng)
        case .failed(let retryAfter):
            consecutiveFailures += 1
            let wait = max(backoff(), min(retryAfter ?? 0, policy.maxRetryAfter))
            let until = now.addingTimeInterval(jittered(wait, using: &rng))
            state = .backingOff(until: until)
            return .wait(until: until)
        case .gone:
            let reason = "the server answered 410 Gone: the publisher removed this feed"
            state = .disabled(reason: reason)
            return .disable(reason: reason)
        case .cancelled:
            state = consecutiveFailures > 0 ? .backingOff(until: now) : .idle(nextDue: now)
            return .wait(until: now)
        }
    }

    /// Exponential backoff: base × 2^(failures − 1), capped, and never sooner than the regular interval (a failing
    /// feed is not fetched more often than a healthy one).
    func backoff() -> TimeInterval {
        let exponent = Double(min(max(consecutiveFailures - 1, 0), 30))
        let grown = min(policy.backoffBase * pow(2, exponent), policy.backoffMax)
        return max(grown, effectiveInterval)
    }

    private mutating func scheduleNext(
        after wait: TimeInterval, now: Date, using rng: inout some RandomNumberGenerator
    ) -> Action {
        let due = now.addingTimeInterval(jittered(wait, using: &rng))
        state = .idle(nextDue: due)
        return .wait(until: due)
    }

    private func jittered(_ wait: TimeInterval, using rng: inout some RandomNumberGenerator) -> TimeInterval {
        guard policy.jitter > 0 else { return wait }
        return wait * (1 + Double.random(in: 0...policy.jitter, using: &rng))
    }
}

extension FeedSchedule.Result {
    /// The schedule's view of a fetch outcome. `hint` is the parsed feed's refresh hint; `missedItems` whether
    /// every item was new on a feed seen before. A bot wall or rate limit backs off like any failure, but a
    /// cancelled fetch costs nothing.
    public init(_ outcome: FetchOutcome, hint: TimeInterval? = nil, missedItems: Bool = false) {
        switch outcome {
        case .fetched(let response):
            self = .fetched(hint: hint, freshFor: response.freshFor, missedItems: missedItems)
        case .notModified(let response):
            self = .notModified(freshFor: response.freshFor)
        case .failed(let error):
            switch error.kind {
            case .gone: self = .gone
            case .cancelled: self = .cancelled
            default: self = .failed(retryAfter: error.retryAfter)
            }
        }
    }
}
