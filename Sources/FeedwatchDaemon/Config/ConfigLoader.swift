import FeedwatchFetch
import FeedwatchModel
import Foundation

/// Reads `feedwatch.yaml`. Start-up, `check` and reload all go through here, so they agree.
enum ConfigLoader {
    static let topKeys = [
        "feeds", "watchlists", "store", "alert_log", "log_level", "metrics_file", "defaults", "fetch", "retention",
        "feed_health_after",
    ]
    static let retentionKeys = ["items", "alerts"]
    static let feedKeys = ["url", "id", "interval", "backfill"]
    static let defaultsKeys = ["interval", "backfill", "min_interval", "max_interval"]
    static let fetchKeys = [
        "connect_timeout", "timeout", "max_body", "max_redirects", "concurrency", "per_host", "contact", "proxy",
    ]

    /// The config, or nil when a problem makes it unusable; problems are listed either way.
    static func load(path: String, environment: [String: String]) -> (Config?, [ConfigProblem]) {
        var reader = YAMLReader(file: path)
        guard let text = readText(path, &reader), let root = reader.compose(text) else {
            return (nil, reader.problems)
        }
        // Relative paths in the file are relative to the file, wherever feedwatch runs from.
        let base = (resolve(path, FileManager.default.currentDirectoryPath) as NSString).deletingLastPathComponent
        guard let top = reader.mapping(root, "the config file", allowed: topKeys) else { return (nil, reader.problems) }

        var defaultInterval = Config.defaultInterval
        var defaultBackfill = Config.defaultBackfill
        var schedule = SchedulePolicy()
        if let node = top["defaults"]?.value, let defaults = reader.mapping(node, "defaults", allowed: defaultsKeys) {
            if let value = defaults["min_interval"]?.value {
                schedule.minInterval = reader.duration(value, "defaults.min_interval") ?? schedule.minInterval
            }
            if let value = defaults["max_interval"]?.value {
                schedule.maxInterval = reader.duration(value, "defaults.max_interval") ?? schedule.maxInterval
            }
            if schedule.minInterval > schedule.maxInterval {
                reader.problem(node, "defaults.min_interval is longer than defaults.max_interval; swap them")
            }
            if let value = defaults["interval"]?.value {
                defaultInterval = reader.duration(value, "defaults.interval") ?? defaultInterval
            }
            if let value = defaults["backfill"]?.value {
                defaultBackfill = backfillWindow(value, "defaults.backfill", &reader) ?? defaultBackfill
            }
        }

        schedule.defaultInterval = defaultInterval
        let feeds = readFeeds(
            top["feeds"], base: base, interval: defaultInterval, minInterval: schedule.minInterval,
            reader: &reader, root: root)
        let globs =
            top["watchlists"].map {
                reader.sequence($0.value, "watchlists").compactMap { reader.string($0, "a watchlist glob") }
            }
            ?? ["watchlists/*.yaml"]
        var files: [String] = []
        for (index, glob) in globs.enumerated() {
            let matched = expand(glob, relativeTo: base)
            if matched.isEmpty {
                let node = top["watchlists"].flatMap { list in
                    list.value.kind == .sequence ? reader.children(of: list.value).dropFirst(index).first : nil
                }
                reader.problem(
                    node ?? top["watchlists"]?.value,
                    "watchlist pattern '\(glob)' matches no file (paths are relative to \(base))")
            }
            files += matched.filter { !files.contains($0) }
        }

        let stateDirectory = StatePaths.stateDirectory(environment: environment)
        let storePath =
            top["store"].flatMap { reader.string($0.value, "store") }.map { resolve($0, base) }
            ?? stateDirectory + "/feedwatch.sqlite"
        let logDirectory =
            StatePaths.logsDirectory(environment: environment)
            ?? (storePath as NSString).deletingLastPathComponent
        let alertLog =
            top["alert_log"].flatMap { reader.string($0.value, "alert_log") }.map { resolve($0, base) }
            ?? logDirectory + "/alerts.jsonl"

        var logLevel = "info"
        if let node = top["log_level"]?.value, let level = reader.string(node, "log_level") {
            if Config.logLevels.contains(level.lowercased()) {
                logLevel = level.lowercased()
            } else {
                reader.problem(node, "log_level '\(level)' is not one of: \(Config.logLevels.joined(separator: ", "))")
            }
        }
        let metricsFile = top["metrics_file"].flatMap { reader.string($0.value, "metrics_file") }.map {
            resolve($0, base)
        }
        let fetch = readFetch(top["fetch"]?.value, &reader)

        var withDefaults: [FeedSource] = []
        for var feed in feeds {
            feed.backfill = feed.backfill ?? defaultBackfill
            withDefaults.append(feed)
        }
        var config = Config(
            path: path, feeds: withDefaults,
            watchlistGlobs: globs, watchlistFiles: files, storePath: storePath, alertLogPath: alertLog,
            logLevel: logLevel, metricsFile: metricsFile, defaultInterval: defaultInterval,
            defaultBackfill: defaultBackfill, fetch: fetch, schedule: schedule)
        if let node = top["retention"]?.value, let fields = reader.mapping(node, "retention", allowed: retentionKeys) {
            if let v = fields["items"]?.value {
                config.itemRetention = reader.duration(v, "retention.items") ?? config.itemRetention
            }
            if let v = fields["alerts"]?.value {
                config.alertRetention = reader.duration(v, "retention.alerts") ?? config.alertRetention
            }
        }
        if let v = top["feed_health_after"]?.value {
            config.feedHealthAfter = reader.duration(v, "feed_health_after") ?? config.feedHealthAfter
        }
        return (config, reader.problems)
    }

    private static func readFeeds(
        _ entry: (key: YAMLNode, value: YAMLNode)?, base: String, interval: TimeInterval, minInterval: TimeInterval,
        reader: inout YAMLReader, root: YAMLNode
    ) -> [FeedSource] {
        guard let entry else {
            reader.problem(root, "no 'feeds:' list; add at least one feed with a url")
            return []
        }
        var feeds: [FeedSource] = []
        var feedByID: [String: Int] = [:]
        for node in reader.sequence(entry.value, "feeds") {
            let fields: YAMLFields?
            if node.kind == .scalar {
                fields = YAMLFields(entries: [("url", node, node)])  // a bare URL is a feed with defaults
            } else {
                fields = reader.mapping(node, "a feed", allowed: feedKeys)
            }
            guard let fields else { continue }
            guard let urlNode = fields["url"]?.value else {
                reader.problem(node, "this feed has no 'url:'")
                continue
            }
            guard let rawURL = reader.string(urlNode, "url"),
                let url = feedURL(rawURL, base: base, node: urlNode, &reader)
            else { continue }
            let id = fields["id"].flatMap { reader.string($0.value, "id") } ?? derivedID(url)
            let location = reader.location(of: node)
            if let other = feedByID[id].map({ feeds[$0] }) {
                reader.problem(
                    fields["id"]?.value ?? urlNode,
                    "feed id '\(id)' is already used by the feed at \(other.location?.description ?? "?"); give this one its own 'id:'"
                )
            }
            let every = fields["interval"].flatMap { reader.duration($0.value, "interval") } ?? interval
            if every < minInterval, let node = fields["interval"]?.value {
                reader.problem(
                    node,
                    "interval \(Int(every))s is below defaults.min_interval (\(Int(minInterval))s); publishers may "
                        + "block clients that poll this often: raise it, or lower defaults.min_interval")
            }
            let window = fields["backfill"].flatMap { backfillWindow($0.value, "backfill", &reader) }
            feedByID[id] = feedByID[id] ?? feeds.count
            feeds.append(FeedSource(id: id, url: url, interval: every, backfill: window, location: location))
        }
        if feeds.isEmpty, reader.problems.isEmpty {
            reader.problem(entry.value, "'feeds:' is empty; add at least one feed with a url")
        }
        return feeds
    }

    /// A backfill window: a duration, or `all` to alert on a new feed's whole archive.
    private static func backfillWindow(_ node: YAMLNode, _ what: String, _ reader: inout YAMLReader) -> TimeInterval? {
        if node.scalar?.lowercased() == "all" { return .infinity }
        return reader.duration(node, what)
    }

    private static func feedURL(_ raw: String, base: String, node: YAMLNode, _ reader: inout YAMLReader) -> String? {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard URL(string: raw)?.host != nil else {
                reader.problem(node, "'\(raw)' is not a valid URL")
                return nil
            }
            return raw
        }
        if lower.hasPrefix("file://") { return raw }
        if let colon = raw.firstIndex(of: ":"), raw[..<colon].allSatisfy({ $0.isLetter }), raw[..<colon].count > 1 {
            reader.problem(node, "unsupported URL scheme '\(raw[..<colon])'; use http, https, file, or a path")
            return nil
        }
        return URL(fileURLWithPath: resolve(raw, base)).standardized.absoluteString
    }

    private static func readFetch(_ node: YAMLNode?, _ reader: inout YAMLReader) -> FetchLimits {
        var limits = FetchLimits()
        var contact: String?
        if let node, let fields = reader.mapping(node, "fetch", allowed: fetchKeys) {
            if let v = fields["connect_timeout"]?.value {
                limits.connectTimeout = reader.duration(v, "fetch.connect_timeout") ?? limits.connectTimeout
            }
            if let v = fields["timeout"]?.value {
                limits.totalTimeout = reader.duration(v, "fetch.timeout") ?? limits.totalTimeout
            }
            if let v = fields["max_body"]?.value {
                limits.maxBodyBytes = reader.size(v, "fetch.max_body") ?? limits.maxBodyBytes
            }
            if let v = fields["max_redirects"]?.value {
                limits.maxRedirects = count(v, "fetch.max_redirects", 0...20, &reader) ?? limits.maxRedirects
            }
            if let v = fields["concurrency"]?.value {
                limits.maxConcurrent = count(v, "fetch.concurrency", 1...1024, &reader) ?? limits.maxConcurrent
            }
            if let v = fields["per_host"]?.value {
                limits.maxPerHost = count(v, "fetch.per_host", 1...64, &reader) ?? limits.maxPerHost
            }
            if let v = fields["contact"]?.value { contact = reader.string(v, "fetch.contact") }
            if let v = fields["proxy"]?.value { limits.proxy = reader.string(v, "fetch.proxy") }
        }
        limits.userAgent = FetchLimits.userAgent(contact: contact)
        return limits
    }

    private static func count(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Int>, _ reader: inout YAMLReader)
        -> Int?
    {
        guard let value = reader.number(node, what) else { return nil }
        guard value.rounded() == value, range.contains(Int(value)) else {
            reader.problem(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    static func readText(_ path: String, _ reader: inout YAMLReader) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            reader.problem(nil, "cannot read this file (missing or not readable); pass --config PATH")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.problem(nil, "this file is not UTF-8 text")
            return nil
        }
        return text
    }

    static func resolve(_ path: String, _ base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return ((expanded.hasPrefix("/") ? expanded : base + "/" + expanded) as NSString).standardizingPath
    }

    /// File names matching a glob, sorted.
    static func expand(_ pattern: String, relativeTo base: String) -> [String] {
        let full = resolve(pattern, base)
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }

    /// A feed id from its URL: the file's stem, or host and path as a slug.
    static func derivedID(_ url: String) -> String {
        guard let parsed = URL(string: url) else { return "feed" }
        let raw: String
        if parsed.isFileURL {
            raw = parsed.deletingPathExtension().lastPathComponent
        } else {
            var host = parsed.host ?? "feed"
            if host.hasPrefix("www.") { host.removeFirst(4) }
            raw = host + parsed.path
        }
        let slug = raw.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(slug).split(separator: "-").joined(separator: "-")
    }
}
