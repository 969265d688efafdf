import Foundation

/// The bounds every feed's schedule keeps to. Defaults suit news feeds watched from one small machine.
public struct SchedulePolicy: Sendable, Hashable {
    /// Interval for feeds that configure none.
    public var defaultInterval: TimeInterval = 15 * 60
    /// No feed is fetched more often than this, whatever it or a hint says.
    public var minInterval: TimeInterval = 60
    /// No feed waits longer than this between fetches, whatever its hints say.
    public var maxInterval: TimeInterval = 24 * 3600
    /// Each wait is stretched by a random share in [0, jitter] of itself, so feeds drift apart instead of firing
    /// in bursts. Never shortened: a publisher's hint is a floor.
    public var jitter: Double = 0.1
    /// First wait after a failure; doubled per consecutive failure.
    public var backoffBase: TimeInterval = 5 * 60
    /// Longest wait after failures (a Retry-After may ask for more, within `maxRetryAfter`).
    public var backoffMax: TimeInterval = 6 * 3600
    /// The longest Retry-After honoured.
    public var maxRetryAfter: TimeInterval = 24 * 3600
    /// Shortest interval a feed that overflowed its window may be sped up to (never below `minInterval`).
    public var fastestAdaptiveInterval: TimeInterval = 5 * 60

    public init() {}

    /// Clamps an interval into [minInterval, maxInterval].
    public func clamp(_ interval: TimeInterval) -> TimeInterval {
        min(max(interval, minInterval), max(minInterval, maxInterval))
    }
}
