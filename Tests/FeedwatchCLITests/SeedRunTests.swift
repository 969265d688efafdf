import FeedwatchTesting
import Foundation
import Testing

/// The shipped default, end to end through the built binary: seed feeds read over file://
/// with libcurl, parsed with libxml2, matched, stored in SQLite and logged.
@Suite("feedwatch run --once on the seed feeds")
struct SeedRunTests {
    /// (item id, rule) of every alert the seed feeds must raise, and nothing else.
    static let expected: Set<String> = [
        "niswire-2016-10-21-001 place-and-group",  // Islamic State gunmen storm Kirkuk
        "niswire-2016-10-21-002 attack-in-place",  // missile strike in Daquq, no group named
        "niswire-ar-2016-10-21-003 place-and-group",  // داعش … كركوك
        "niswire-2016-10-22-004 place-and-group",  // Kerkük … Peshmerga
        "urn:kirkuk-monitor:2016-10-23:capture place-and-group",  // ISIL … Kirkuk
        "urn:kirkuk-monitor:2016-10-24:turkmen place-and-group",  // Tes’in … Popular Mobilization Forces
        "urn:kirkuk-monitor:2016-10-24:daquq-ar place-and-group",  // الحشد الشعبي … داقوق
        "urn:kirkuk-monitor:2016-10-25:claim place-and-group",  // IS (the acronym) … Kirkuk
    ]

    /// A copy of Config/ and seeds/ whose state goes to the temporary directory.
    static func install() throws -> (TestDirectory, String) {
        let dir = try TestDirectory()
        try dir.copy(fromRepository: "Config")
        try dir.copy(fromRepository: "seeds")
        let config = dir.path + "/Config/feedwatch.yaml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text += "\nstore: state/feedwatch.sqlite\nalert_log: state/alerts.jsonl\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, config)
    }

    static func logLines(_ dir: TestDirectory) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: dir.path + "/Config/state/alerts.jsonl", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("the first run raises exactly the expected alerts, and a second run raises none")
    func runTwice() throws {
        let (dir, config) = try Self.install()
        let first = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdoutLines.count == Self.expected.count, "stdout: \(first.stdout)")

        let lines = try Self.logLines(dir)
        let found = Set(
            lines.compactMap { line -> String? in
                guard let item = line["item"] as? [String: Any], let id = item["id"] as? String,
                    let rule = line["rule"] as? String
                else { return nil }
                return "\(id) \(rule)"
            })
        #expect(found == Self.expected)
        #expect(lines.allSatisfy { $0["event_type"] as? String == "alert" })
        #expect(Set(lines.compactMap { $0["alert_id"] as? String }).count == lines.count)

        let second = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdoutLines.isEmpty, "stdout: \(second.stdout)")
        #expect(try Self.logLines(dir).count == Self.expected.count)

        let stored = try FeedwatchProcess.run(["alerts", "--json", "--config", config])
        #expect(stored.status == 0)
        #expect(stored.stdoutLines.count == Self.expected.count)
    }

    @Test("every alert in the log carries the contract's fields")
    func alertShape() throws {
        let (dir, config) = try Self.install()
        _ = try FeedwatchProcess.run(["run", "--once", "--config", config])
        let lines = try Self.logLines(dir)
        #expect(!lines.isEmpty)
        for line in lines {
            for key in ["timestamp", "alert_id", "severity", "rule", "feed", "item", "matches", "snippet"] {
                #expect(line[key] != nil, "missing \(key) in \(line)")
            }
            let feed = try #require(line["feed"] as? [String: Any])
            #expect(feed["id"] is String && feed["url"] is String)
            let item = try #require(line["item"] as? [String: Any])
            #expect(item["id"] is String && item["title"] is String)
            let published = try #require(item["published"] as? String)
            #expect(published.hasPrefix("2016-10-") && published.hasSuffix("Z"))
            let matches = try #require(line["matches"] as? [[String: Any]])
            #expect(!matches.isEmpty)
            for match in matches {
                #expect(["place", "group", "topic"].contains(match["kind"] as? String))
                #expect(match["entity"] is String && match["text"] is String && match["field"] is String)
                let start = try #require(match["start"] as? Int)
                let end = try #require(match["end"] as? Int)
                #expect(start < end)
            }
        }
    }

    @Test("feeds shows each seed feed as fetched")
    func feedStatus() throws {
        let (dir, config) = try Self.install()
        defer { withExtendedLifetime(dir) {} }
        _ = try FeedwatchProcess.run(["run", "--once", "--config", config])
        let feeds = try FeedwatchProcess.run(["feeds", "--config", config])
        #expect(feeds.status == 0, "\(feeds.stdout) \(feeds.stderr)")
        #expect(feeds.stdout.contains("seed-rss") && feeds.stdout.contains("seed-atom"))
        #expect(feeds.stdoutLines.filter { $0.contains(" ok ") }.count == 2, "\(feeds.stdout)")
    }
}
