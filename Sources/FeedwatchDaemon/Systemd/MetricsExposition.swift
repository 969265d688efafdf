import FeedwatchModel

/// Prometheus text exposition format 0.0.4, as node_exporter's textfile collector reads it:
/// `# HELP` and `# TYPE` before each family, no sample timestamps (the collector rejects them).
enum MetricsExposition {
    static func render(_ values: MetricValues) -> String {
        var out = ""
        family(&out, "feedwatch_build_info", "gauge", "Version of the running feedwatch.")
        out += "feedwatch_build_info{version=\"\(escape(FeedwatchVersion.string))\"} 1\n"
        family(&out, "feedwatch_start_time_seconds", "gauge", "Start time of the process, in Unix seconds.")
        out += "feedwatch_start_time_seconds \(number(values.startTime))\n"

        family(&out, "feedwatch_fetches_total", "counter", "Feed fetches, by result.")
        for (result, count) in values.fetches.sorted(by: { $0.key < $1.key }) {
            out += "feedwatch_fetches_total{result=\"\(escape(result))\"} \(count)\n"
        }

        family(&out, "feedwatch_fetch_duration_seconds", "histogram", "Time taken by feed fetches.")
        for (index, bound) in Metrics.fetchDurationBuckets.enumerated() {
            out += "feedwatch_fetch_duration_seconds_bucket{le=\"\(number(bound))\"} \(values.fetchBuckets[index])\n"
        }
        out += "feedwatch_fetch_duration_seconds_bucket{le=\"+Inf\"} \(values.fetchCount)\n"
        out += "feedwatch_fetch_duration_seconds_sum \(number(values.fetchSum))\n"
        out += "feedwatch_fetch_duration_seconds_count \(values.fetchCount)\n"

        family(&out, "feedwatch_items_parsed_total", "counter", "Items produced by the parser.")
        out += "feedwatch_items_parsed_total \(values.itemsParsed)\n"
        family(&out, "feedwatch_parse_errors_total", "counter", "Documents the parser rejected.")
        out += "feedwatch_parse_errors_total \(values.parseErrors)\n"

        family(&out, "feedwatch_alerts_total", "counter", "Alerts raised, by severity.")
        for severity in Severity.allCases {
            out += "feedwatch_alerts_total{severity=\"\(severity.rawValue)\"} \(values.alerts[severity] ?? 0)\n"
        }

        family(&out, "feedwatch_watchlist_generation", "gauge", "Generation of the watchlist set in force.")
        out += "feedwatch_watchlist_generation \(values.watchlistGeneration)\n"
        family(&out, "feedwatch_feeds", "gauge", "Feeds configured.")
        out += "feedwatch_feeds \(values.feeds)\n"
        family(&out, "feedwatch_feeds_failing", "gauge", "Feeds whose last fetch failed.")
        out += "feedwatch_feeds_failing \(values.feedsFailing)\n"
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// A label value with `\`, `"` and line feeds escaped, as the format requires; other control
    /// characters are replaced, so nothing a server sent can break the file.
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value.sanitized {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }

    /// Integral values without a fraction (`5`, not `5.0`), others in Swift's shortest form.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}
