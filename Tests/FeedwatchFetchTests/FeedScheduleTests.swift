import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

@Suite("A feed's schedule, driven by an injected clock")
struct FeedScheduleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A policy without jitter, so waits are exact.
    static var exact: SchedulePolicy {
        var policy = SchedulePolicy()
        policy.jitter = 0
        policy.minInterval = 60
        policy.maxInterval = 86_400
        policy.backoffBase = 300
        policy.backoffMax = 6 * 3600
        policy.maxRetryAfter = 86_400
        return policy
    }

    func fetched(_ schedule: inout FeedSchedule, at now: Date, _ result: FeedSchedule.Result) -> FeedSchedule.Action {
        var rng = SeededRandomNumberGenerator(seed: 7)
        #expect(schedule.event(.fetchNow, now: now, using: &rng) == .fetch)
        return schedule.event(.completed(result), now: now, using: &rng)
    }

    @Test func aNewFeedIsDueAtOnce() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        var rng = SeededRandomNumberGenerator(seed: 1)
        #expect(schedule.event(.tick, now: start, using: &rng) == .fetch)
        #expect(schedule.state == .fetching(since: start))
        #expect(schedule.event(.tick, now: start.addingTimeInterval(5), using: &rng) == .none)
    }

    @Test func afterASuccessTheFeedWaitsItsInterval() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        let action = fetched(&schedule, at: start, .fetched(hint: nil, freshFor: nil, missedItems: false))
        let due = start.addingTimeInterval(600)
        #expect(action == .wait(until: due))
        var rng = SeededRandomNumberGenerator(seed: 1)
        #expect(schedule.event(.tick, now: due.addingTimeInterval(-1), using: &rng) == .wait(until: due))
        #expect(schedule.event(.tick, now: due, using: &rng) == .fetch)
    }

    @Test func aFeedWithoutAnIntervalUsesTheDefault() {
        var schedule = FeedSchedule(interval: nil, policy: Self.exact, now: start)
        let action = fetched(&schedule, at: start, .notModified(freshFor: nil))
        #expect(action == .wait(until: start.addingTimeInterval(Self.exact.defaultInterval)))
    }

    @Test func jitterOnlyLengthensTheWaitAndIsDeterministicForASeed() {
        var policy = Self.exact
        policy.jitter = 0.1
        var dues: [Date] = []
        for seed in 0..<50 as Range<UInt64> {
            var schedule = FeedSchedule(interval: 1000, policy: policy, now: start)
            var rng = SeededRandomNumberGenerator(seed: seed)
            _ = schedule.event(.tick, now: start, using: &rng)
            _ = schedule.event(.completed(.notModified(freshFor: nil)), now: start, using: &rng)
            dues.append(schedule.nextDue ?? start)
        }
        #expect(dues.allSatisfy { (1000...1100).contains($0.timeIntervalSince(start)) })
        #expect(Set(dues).count > 40)  // spread out, not in a burst

        var again = FeedSchedule(interval: 1000, policy: policy, now: start)
        var rng = SeededRandomNumberGenerator(seed: 0)
        _ = again.event(.tick, now: start, using: &rng)
        _ = again.event(.completed(.notModified(freshFor: nil)), now: start, using: &rng)
        #expect(again.nextDue == dues[0])
    }

    /// RSS ttl / sy:updatePeriod and Cache-Control lengthen the wait, within [min, max]; they never shorten it.
    @Test(arguments: [
        (3600.0 as TimeInterval?, nil as TimeInterval?, 3600.0),
        (60, nil, 600),
        (nil, 1800, 1800),
        (nil, 30, 600),
        (7 * 86_400, nil, 86_400),
        (nil, 7 * 86_400, 86_400),
        (1200, 2400, 2400),
    ])
    func hintsAreHonouredWithinBounds(hint: TimeInterval?, freshFor: TimeInterval?, expected: TimeInterval) {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        let action = fetched(&schedule, at: start, .fetched(hint: hint, freshFor: freshFor, missedItems: false))
        #expect(action == .wait(until: start.addingTimeInterval(expected)))
    }

    @Test func aFeedHintOutlivesA304() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        _ = fetched(&schedule, at: start, .fetched(hint: 3600, freshFor: nil, missedItems: false))
        let later = start.addingTimeInterval(3600)
        #expect(
            fetched(&schedule, at: later, .notModified(freshFor: nil)) == .wait(until: later.addingTimeInterval(3600)))
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        var schedule = FeedSchedule(interval: 60, policy: Self.exact, now: start)
        var now = start
        var waits: [TimeInterval] = []
        for _ in 0..<8 {
            guard case .wait(let until) = fetched(&schedule, at: now, .failed(retryAfter: nil)) else {
                Issue.record("a failure must lead to a wait")
                return
            }
            waits.append(until.timeIntervalSince(now))
            now = until
        }
        #expect(waits == [300, 600, 1200, 2400, 4800, 9600, 19_200, 21_600])
        #expect(schedule.consecutiveFailures == 8)
        #expect(schedule.state == .backingOff(until: now))
    }

    @Test func backoffIsNeverSoonerThanTheRegularInterval() {
        var schedule = FeedSchedule(interval: 3600, policy: Self.exact, now: start)
        #expect(fetched(&schedule, at: start, .failed(retryAfter: nil)) == .wait(until: start.addingTimeInterval(3600)))
    }

    @Test func backoffHasJitterToo() {
        var policy = Self.exact
        policy.jitter = 0.5
        var schedule = FeedSchedule(interval: 60, policy: policy, now: start)
        var rng = SeededRandomNumberGenerator(seed: 3)
        _ = schedule.event(.fetchNow, now: start, using: &rng)
        _ = schedule.event(.completed(.failed(retryAfter: nil)), now: start, using: &rng)
        let wait = (schedule.nextDue ?? start).timeIntervalSince(start)
        #expect(wait > 300 && wait <= 450)
    }

    @Test func aSuccessResetsTheBackoff() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        _ = fetched(&schedule, at: start, .failed(retryAfter: nil))
        _ = fetched(&schedule, at: start, .failed(retryAfter: nil))
        #expect(schedule.consecutiveFailures == 2)
        #expect(
            fetched(&schedule, at: start, .notModified(freshFor: nil)) == .wait(until: start.addingTimeInterval(600)))
        #expect(schedule.consecutiveFailures == 0)
    }

    @Test(arguments: [
        (7200.0, 7200.0),  // longer than the backoff: honoured
        (10.0, 600.0),  // shorter than the interval: the interval wins
        (30 * 86_400.0, 86_400.0),  // absurd: clamped
    ])
    func retryAfterIsHonouredAndClamped(retryAfter: TimeInterval, expected: TimeInterval) {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        let action = fetched(&schedule, at: start, .failed(retryAfter: retryAfter))
        #expect(action == .wait(until: start.addingTimeInterval(expected)))
    }

    @Test func goneDisablesTheFeedUntilReconfigured() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        guard case .disable(let reason) = fetched(&schedule, at: start, .gone) else {
            Issue.record("410 must disable the feed")
            return
        }
        #expect(reason.contains("410"))
        var rng = SeededRandomNumberGenerator(seed: 1)
        let muchLater = start.addingTimeInterval(86_400 * 30)
        #expect(schedule.event(.tick, now: muchLater, using: &rng) == .stayDisabled)
        #expect(schedule.event(.fetchNow, now: muchLater, using: &rng) == .stayDisabled)
        #expect(schedule.event(.reconfigured(interval: nil), now: muchLater, using: &rng) == .wait(until: muchLater))
        #expect(schedule.event(.tick, now: muchLater, using: &rng) == .fetch)
    }

    @Test func aCancelledFetchIsDueAgainWithoutPenalty() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        #expect(fetched(&schedule, at: start, .cancelled) == .wait(until: start))
        #expect(schedule.consecutiveFailures == 0)
    }

    @Test func fetchNowFetchesEvenWhenNotDue() {
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, now: start)
        _ = fetched(&schedule, at: start, .notModified(freshFor: nil))
        var rng = SeededRandomNumberGenerator(seed: 1)
        #expect(schedule.event(.fetchNow, now: start.addingTimeInterval(1), using: &rng) == .fetch)
    }

    /// Every item new on a feed seen before: the window overflowed, so fetch more often, within bounds.
    @Test func missedItemsShortenTheIntervalDownToTheFastestAllowed() {
        var policy = Self.exact
        policy.fastestAdaptiveInterval = 900
        var schedule = FeedSchedule(interval: 3600, policy: policy, now: start)
        var waits: [TimeInterval] = []
        for _ in 0..<4 {
            if case .wait(let until) = fetched(
                &schedule, at: start, .fetched(hint: nil, freshFor: nil, missedItems: true))
            {
                waits.append(until.timeIntervalSince(start))
            }
        }
        #expect(waits == [1800, 900, 900, 900])
    }

    @Test func theIntervalRecoversOnceItemsStopOverflowing() {
        var schedule = FeedSchedule(interval: 3600, policy: Self.exact, now: start)
        _ = fetched(&schedule, at: start, .fetched(hint: nil, freshFor: nil, missedItems: true))
        _ = fetched(&schedule, at: start, .fetched(hint: nil, freshFor: nil, missedItems: true))
        #expect(schedule.effectiveInterval == 900)
        var waits: [TimeInterval] = []
        for _ in 0..<8 {
            if case .wait(let until) = fetched(
                &schedule, at: start, .fetched(hint: nil, freshFor: nil, missedItems: false))
            {
                waits.append(until.timeIntervalSince(start))
            }
        }
        #expect(waits == waits.sorted())
        #expect(waits.last == 3600)
    }

    @Test func aScheduleResumedAfterFailuresIsBackingOff() {
        let due = start.addingTimeInterval(100)
        var schedule = FeedSchedule(interval: 600, policy: Self.exact, nextDue: due, consecutiveFailures: 3)
        #expect(schedule.state == .backingOff(until: due))
        #expect(schedule.event(.tick, now: start) == .wait(until: due))
        #expect(schedule.event(.tick, now: due) == .fetch)
    }

    @Test(arguments: [
        (FetchOutcome.failed(FetchError(.gone, "gone", status: 410)), FeedSchedule.Result.gone),
        (.failed(FetchError(.cancelled, "stop")), .cancelled),
        (.failed(FetchError(.rateLimited, "slow down", status: 429, retryAfter: 90)), .failed(retryAfter: 90)),
        (.failed(FetchError(.timeout, "slow")), .failed(retryAfter: nil)),
        (.notModified(FetchResponse(status: 304, effectiveURL: "http://x/", freshFor: 60)), .notModified(freshFor: 60)),
        (
            .fetched(FetchResponse(status: 200, effectiveURL: "http://x/")),
            .fetched(hint: 900, freshFor: nil, missedItems: false)
        ),
    ])
    func aFetchOutcomeMapsToAScheduleResult(outcome: FetchOutcome, expected: FeedSchedule.Result) {
        #expect(FeedSchedule.Result(outcome, hint: 900) == expected)
    }
}
