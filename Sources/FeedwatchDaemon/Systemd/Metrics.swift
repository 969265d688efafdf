import FeedwatchModel
import Foundation

/// The daemon's counters, written in Prometheus text format for node_exporter's textfile collector
/// (`write(to:)`). Thread-safe: every stage may count from any task.
///
/// Metric names (all prefixed `feedwatch_`):
/// - `fetches_total{result}`: fetches by result (`ok`, `not_modified`, or a failure kind).
/// - `fetch_duration_seconds`: histogram of fetch latency.
/// - `items_parsed_total`, `parse_errors_total`.
/// - `alerts_total{severity}`: every severity is present, zero included, so rates work from the start.
/// - `watchlist_generation`: bumped by each successful (re)load of the watchlists.
/// - `feeds`, `feeds_failing`: gauges from the last cycle.
/// - `build_info{version}`, `start_time_seconds`.
public final class Metrics: @unchecked Sendable {
    // @unchecked: all mutable state lives in `values`, only touched under `lock`.
    private let lock = NSLock()
    private var values: MetricValues
    /// Serializes `write(to:)`, whose temporary file name is per process.
    private let writeLock = NSLock()

    /// Upper bounds of the fetch-latency histogram buckets, in seconds (+Inf is implied).
    public static let fetchDurationBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    /// - Parameter startTime: the process start, exported as `feedwatch_start_time_seconds`.
    public init(startTime: Date = Date()) {
        values = MetricValues(
            startTime: startTime.timeIntervalSince1970,
            fetchBuckets: Array(repeating: 0, count: Self.fetchDurationBuckets.count))
    }

    /// Counts one fetch with its result and how long it took.
    public func recordFetch(result: String, duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        lock.withLock {
            values.fetches[result, default: 0] += 1
            values.fetchCount += 1
            values.fetchSum += seconds
            for (index, bound) in Self.fetchDurationBuckets.enumerated() where seconds <= bound {
                values.fetchBuckets[index] += 1
            }
        }
    }

    /// Counts items the parser produced.
    public func addItemsParsed(_ count: Int) {
        lock.withLock { values.itemsParsed += UInt64(max(count, 0)) }
    }

    /// Counts one document the parser rejected.
    public func recordParseError() {
        lock.withLock { values.parseErrors += 1 }
    }

    /// Counts one alert raised.
    public func recordAlert(severity: Severity) {
        lock.withLock { values.alerts[severity, default: 0] += 1 }
    }

    /// Sets the watchlist generation (increase it on every successful load or reload).
    public func setWatchlistGeneration(_ generation: Int) {
        lock.withLock { values.watchlistGeneration = generation }
    }

    /// Sets the feed gauges after a cycle.
    public func setFeeds(total: Int, failing: Int) {
        lock.withLock {
            values.feeds = total
            values.feedsFailing = failing
        }
    }

    /// A consistent copy of every value.
    public var snapshot: MetricValues { lock.withLock { values } }

    /// The whole exposition in Prometheus text format 0.0.4.
    public func render() -> String {
        MetricsExposition.render(snapshot)
    }

    /// Writes `render()` to `path` atomically: a temporary file in the same directory, then
    /// `rename(2)`, so node_exporter never reads half a file. The temporary name does not end in
    /// `.prom`, so the collector ignores it. The file is made world-readable (0644) whatever the
    /// umask, because node_exporter runs as another user; metrics hold no feed text.
    public func write(to path: String) throws(MetricsError) {
        let text = render()
        writeLock.lock()
        defer { writeLock.unlock() }
        try MetricsFile.write(text, to: path)
    }
}

/// Every metric value at one moment.
public struct MetricValues: Sendable, Hashable {
    public var startTime: Double
    public var fetches: [String: UInt64] = [:]
    public var fetchCount: UInt64 = 0
    public var fetchSum: Double = 0
    /// Cumulative counts per bucket of `Metrics.fetchDurationBuckets`.
    public var fetchBuckets: [UInt64]
    public var itemsParsed: UInt64 = 0
    public var parseErrors: UInt64 = 0
    public var alerts: [Severity: UInt64] = [:]
    public var watchlistGeneration = 0
    public var feeds = 0
    public var feedsFailing = 0

    init(startTime: Double, fetchBuckets: [UInt64]) {
        self.startTime = startTime
        self.fetchBuckets = fetchBuckets
    }
}

/// A metrics file that could not be written.
public struct MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case open, write, rename
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "metrics \(kind.rawValue): \(message)" }
}
