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
/// | `metrics_file` | path (Prometheus textfile) | none |
/// | `defaults.interval` | duration | `15m` |
/// | `defaults.backfill` | duration | `24h` |
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
