import FeedwatchModel
import Foundation

/// The config directory a daemon run uses: `feedwatch.yaml` naming every feed, one watchlist
/// file, and the state under `state/` — the minimal form of the config contract (issue 2).
struct BenchConfig {
    var directory: String

    var configPath: String { directory + "/feedwatch.yaml" }
    var alertLogPath: String { directory + "/state/alerts.jsonl" }

    /// Writes the config for these feed URLs (ids `bench-NNNNN`) and the regional watchlist.
    func write(urls: [String], watchlist: Watchlist) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/watchlists", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        var config = "# Written by the Benchmarks target.\nfeeds:\n"
        config.reserveCapacity(urls.count * 80)
        for (index, url) in urls.enumerated() {
            config += "  - url: \(url)\n    id: bench-\(pad(index, 5))\n"
        }
        config += "watchlists: [watchlists/*.yaml]\nstore: state/feedwatch.sqlite\nalert_log: state/alerts.jsonl\n"
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        try Data(Self.yaml(watchlist).utf8).write(to: URL(fileURLWithPath: directory + "/watchlists/region.yaml"))
    }

    /// A watchlist file in the contract's form: places, groups and topics (id, name, aliases,
    /// `{text, case_sensitive}` for case-sensitive ones, parent, exclude) and rules (id, when, severity).
    static func yaml(_ watchlist: Watchlist) -> String {
        var out = ""
        for (kind, key) in [(EntityKind.place, "places"), (.group, "groups"), (.topic, "topics")] {
            let entities = watchlist.entities.filter { $0.kind == kind }
            guard !entities.isEmpty else { continue }
            out += "\(key):\n"
            for entity in entities {
                let aliases = entity.aliases.map { alias in
                    alias.caseSensitive ? "{text: \(quoted(alias.text)), case_sensitive: true}" : quoted(alias.text)
                }
                out += "  - id: \(entity.id)\n    name: \(quoted(entity.name))\n"
                out += "    aliases: [\(aliases.joined(separator: ", "))]\n"
                if let parent = entity.parent { out += "    parent: \(parent)\n" }
                if !entity.exclusions.isEmpty {
                    out += "    exclude: [\(entity.exclusions.map(quoted).joined(separator: ", "))]\n"
                }
            }
        }
        out += "rules:\n"
        for rule in watchlist.rules {
            out += "  - id: \(rule.id)\n    when: \(quoted(rule.when))\n    severity: \(rule.severity.rawValue)\n"
        }
        return out
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Alert lines in the log (event_type "alert") and how many alert ids appear more than once.
    static func countAlerts(inLog path: String) -> (alerts: Int, duplicates: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return (0, 0) }
        var alerts = 0
        var ids = Set<String>()
        var duplicates = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                object["event_type"] as? String == "alert"
            else { continue }
            alerts += 1
            if let id = object["alert_id"] as? String, !ids.insert(id).inserted { duplicates += 1 }
        }
        return (alerts, duplicates)
    }
}
