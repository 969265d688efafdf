import FeedwatchTesting
import Foundation
import Testing

@Suite("feedwatch check")
struct CheckCommandTests {
    @Test("the shipped configuration passes, with a summary")
    func shipped() throws {
        let result = try FeedwatchProcess.run(
            ["check", "--config", TestDirectory.repository + "/Config/feedwatch.yaml"], environment: ["HOME": "/tmp"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("configuration OK: 2 feeds, "))
        #expect(result.stdout.contains(" places, ") && result.stdout.contains(" groups, "))
        #expect(result.stdout.contains(" topics, ") && result.stdout.contains(" aliases, "))
        #expect(result.stdout.contains(" rules"))
    }

    @Test("a broken watchlist is reported at file, line and column, and exits 78")
    func brokenWatchlist() throws {
        let dir = try TestDirectory()
        try dir.write("feedwatch.yaml", "feeds: [https://example.org/feed.xml]\n")
        try dir.write(
            "watchlists/broken.yaml",
            """
            places:
              - id: kirkuk
                name: Kirkuk
                aliasses: [Kerkuk]
            rules:
              - id: r
                when: place
                severity: extreme
            """)
        let result = try FeedwatchProcess.run(["check", "--config", dir.path + "/feedwatch.yaml"])
        #expect(result.status == 78)
        let file = dir.path + "/watchlists/broken.yaml"
        #expect(result.stdout.contains("\(file):4:5: unknown key 'aliasses' in a place; did you mean 'aliases'?"))
        #expect(result.stdout.contains("\(file):8:15: severity 'extreme' is not one of"))
    }

    @Test("a missing config file is a configuration error, not a crash")
    func missingConfig() throws {
        let result = try FeedwatchProcess.run(["check", "--config", "/nonexistent/feedwatch.yaml"])
        #expect(result.status == 78)
        #expect(result.stdout.contains("/nonexistent/feedwatch.yaml:1:1: cannot read this file"))
    }

    @Test("run refuses to start on a broken configuration, exiting 78")
    func runRefuses() throws {
        let dir = try TestDirectory()
        try dir.write("feedwatch.yaml", "feeds: []\n")
        let result = try FeedwatchProcess.run(["run", "--once", "--config", dir.path + "/feedwatch.yaml"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("feedwatch.yaml:1:"))
    }
}
