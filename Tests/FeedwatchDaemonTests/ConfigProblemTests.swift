import FeedwatchModel
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchDaemon

/// Every mistake is reported at FILE:LINE:COLUMN with what to do, and all of them at once.
@Suite("Configuration problems")
struct ConfigProblemTests {
    func problems(config: String, watchlist: String = ConfigLoadingTests.watchlist) throws -> [String] {
        let dir = try TestDirectory()
        try dir.write("watchlists/w.yaml", watchlist)
        let path = try dir.write("feedwatch.yaml", config)
        do {
            _ = try Configuration.load(path: path, environment: [:])
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: dir.path + "/", with: "") }
        }
    }

    @Test(
        "each config mistake is reported where it is",
        arguments: [
            ("feeds: [https://example.org/a]\nwatchlist: [x]\n", "feedwatch.yaml:2:1: unknown key 'watchlist'"),
            (
                "feeds:\n  - url: https://example.org/a\n    interval: soon\n",
                "feedwatch.yaml:3:15: interval 'soon' is not a duration"
            ),
            ("feeds:\n  - id: nourl\n", "feedwatch.yaml:2:5: this feed has no 'url:'"),
            ("feeds:\n  - url: gopher://example.org/a\n", "feedwatch.yaml:2:10: unsupported URL scheme 'gopher'"),
            (
                "feeds: [https://example.org/a]\nwatchlists: [nothing/*.yaml]\n",
                "feedwatch.yaml:2:14: watchlist pattern 'nothing/*.yaml' matches no file"
            ),
            (
                "feeds: [https://example.org/a]\nlog_level: loud\n",
                "feedwatch.yaml:2:12: log_level 'loud' is not one of"
            ),
            (
                "feeds:\n  - url: https://example.org/a\n    id: same\n  - url: https://example.org/b\n    id: same\n",
                "feedwatch.yaml:5:9: feed id 'same' is already used"
            ),
            (
                "feeds: [https://example.org/a]\nfetch:\n  max_body: lots\n",
                "feedwatch.yaml:3:13: fetch.max_body 'lots' is not a size"
            ),
            ("feeds: [https://example.org/a\n", "feedwatch.yaml:2:1: YAML syntax"),
        ])
    func configMistake(config: String, expected: String) throws {
        let found = try problems(config: config)
        #expect(found.contains { $0.hasPrefix(expected) }, "got \(found)")
    }

    @Test("an unknown key comes with a suggestion")
    func suggestion() throws {
        let found = try problems(config: "feeds: [https://example.org/a]\nalert_logs: x\n")
        #expect(found.first?.contains("did you mean 'alert_log'?") == true, "got \(found)")
    }

    @Test(
        "each watchlist mistake is reported where it is",
        arguments: [
            ("places:\n  - name: Kirkuk\n", "watchlists/w.yaml:2:5: this place has no 'id:'"),
            (
                "places:\n  - id: k\n    alias: [x]\n",
                "watchlists/w.yaml:3:5: unknown key 'alias' in a place; did you mean 'aliases'?"
            ),
            (
                "groups:\n  - id: g\n    aliases: [{text: IS, case_sensitive: maybe}]\n",
                "watchlists/w.yaml:3:42: case_sensitive must be true or false"
            ),
            (
                "rules:\n  - id: r\n    when: place\n    severity: urgent\n",
                "watchlists/w.yaml:4:15: severity 'urgent' is not one of"
            ),
            (
                "rules:\n  - id: r\n    when: place\n    within: nearby\n",
                "watchlists/w.yaml:4:13: within 'nearby' must be 'sentence' or 'N words'"
            ),
            (
                "places:\n  - id: k\n    coordinates: [135, 44]\n",
                "watchlists/w.yaml:3:18: coordinates must be [latitude, longitude]"
            ),
            ("places:\n  - id: k\n   name: broken\n", "watchlists/w.yaml:3:"),
        ])
    func watchlistMistake(watchlist: String, expected: String) throws {
        let found = try problems(config: "feeds: [https://example.org/a]\n", watchlist: watchlist)
        #expect(found.contains { $0.hasPrefix(expected) }, "got \(found)")
    }

    @Test("every problem is listed, not just the first")
    func allProblems() throws {
        let found = try problems(
            config: "feeds:\n  - url: https://example.org/a\n    interval: soon\n    colour: red\nlog_level: loud\n")
        #expect(found.count == 3, "got \(found)")
    }
}
