import FeedwatchFetch
import FeedwatchModel
import Foundation

/// The daemon's configuration. Every key, its type and its default, in one place:
///
/// | key | type | default |
/// |---|---|---|
/// | `feeds` | list of feeds (below) | required, at least one |
/// | `feeds[].url` | http(s) URL, `file://` URL, or a path relative to this file | required |
/// | `feeds[].id` | word | derived from the URL |
/// | `feeds[].interval` | duration | `defaults.interval` |
/// | `feeds[].backfill` | duration, or `all` | `defaults.backfill` |
/// | `watchlists` | list of file globs, relative to this file | `[watchlists/*.yaml]` |
/// | `store` | path | `$STATE_DIRECTORY/feedwatch.sqlite` under systemd, else `$XDG_STATE_HOME/feedwatch/feedwatch.sqlite` |
/// | `alert_log` | path | `$LOGS_DIRECTORY/alerts.jsonl` under systemd, else next to the store |
/// | `log_level` | trace … critical | `info` |
/// | `retention.items` | duration: seen items no longer listed by their feed are forgotten after this | `90d` |
/// | `retention.alerts` | duration: alerts (already in the log) are pruned from the store after this | `365d` |
/// | `feed_health_after` | duration: a feed failing this long writes a `feed_health` event to the alert log | `24h` |
/// | `metrics_file` | path (Prometheus textfile) | none |
/// | `defaults.interval` | duration | `15m` |
/// | `defaults.backfill` | duration | `24h` |
/// | `defaults.min_interval` | duration: no feed is fetched more often, whatever its hints | `1m` |
/// | `defaults.max_interval` | duration: no feed waits longer, whatever its hints | `24h` |
/// | `fetch.connect_timeout` | duration | `10s` |
/// | `fetch.timeout` | duration | `60s` |
/// | `fetch.max_body` | size | `16MB` |
/// | `fetch.max_redirects` | count | `5` |
/// | `fetch.concurrency` | count | `64` |
/// | `fetch.per_host` | count | `4` |
/// | `fetch.contact` | URL put in the User-Agent | none |
/// | `fetch.proxy` | URL | the usual environment variables |
public struct Config: Sendable, Hashable {
    public var path: String
    public var feeds: [FeedSource]
    public var watchlistGlobs: [String]
    /// The watchlist files the globs matched, in a stable order.
    public var watchlistFiles: [String]
    public var storePath: String
    public var alertLogPath: String
    public var logLevel: String
    public var metricsFile: String?
    public var defaultInterval: TimeInterval
    public var defaultBackfill: TimeInterval
    public var fetch: FetchLimits
    /// Interval bounds, jitter and backoff for every feed's schedule.
    public var schedule: SchedulePolicy
    public var itemRetention: TimeInterval = 90 * 86400
    public var alertRetention: TimeInterval = 365 * 86400
    public var feedHealthAfter: TimeInterval = 24 * 3600

    public static let defaultInterval: TimeInterval = 15 * 60
    public static let defaultBackfill: TimeInterval = 24 * 3600
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
}

extension FetchLimits {
    /// The User-Agent: feedwatch, its version, and the operator's contact URL if configured.
    static func userAgent(contact: String?) -> String {
        let base = "feedwatch/\(FeedwatchVersion.string) (+https://github.com/feedwatch/feedwatch"
        return base + (contact.map { "; \($0))" } ?? ")")
    }
}

extension Config {
    /// A duration as the config writes it (`90s`, `10m`, `2h`, `7d`), for command-line options.
    public static func duration(from text: String) -> TimeInterval? {
        YAMLReader.parseDuration(text)
    }
}
