import FeedwatchTesting
import Foundation
import Testing

/// `feedwatch run` as a long-running process, stopped with signals.
@Suite("feedwatch run as a daemon")
struct DaemonRunTests {
    @Test("a feed failing longer than feed_health_after writes one feed_health event, and SIGTERM stops the daemon")
    func feedHealth() throws {
        let dir = try TestDirectory()
        let config = try Self.refusedFeedConfig(
            in: dir, interval: "1s", more: "defaults: {min_interval: 1s}\nfeed_health_after: 0")
        let process = try FeedwatchProcess.start(["run", "--config", config])
        let log = dir.path + "/state/alerts.jsonl"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? String(contentsOfFile: log, encoding: .utf8))?.contains("feed_health") != true {
            usleep(100_000)
        }
        let result = try process.stop(signal: SIGTERM, timeout: 10)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(event["event_type"] as? String == "feed_health")
        #expect(event["status"] as? String == "connect")
        #expect((event["feed"] as? [String: Any])?["id"] as? String == "refused")
        #expect(result.stderr.contains("stopping"))
    }

    @Test("a second writer on the same store is refused, naming the running one; once it stops, a run goes ahead")
    func oneWriterPerStore() throws {
        let dir = try TestDirectory()
        let config = try Self.refusedFeedConfig(in: dir, interval: "1h")
        let daemon = try FeedwatchProcess.start(["run", "--config", config])
        let lockFile = dir.path + "/state/fw.sqlite.lock"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? String(contentsOfFile: lockFile, encoding: .utf8))?.isEmpty ?? true {
            usleep(50_000)
        }
        let second = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(second.status == 73, "\(second.stderr)")
        #expect(second.stderr.contains("another feedwatch (pid \(daemon.pid)) is running with this store"))
        #expect(try daemon.stop(signal: SIGTERM, timeout: 10).status == 0)
        let after = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(after.status == 0, "\(after.stderr)")
    }

    /// A config with the shipped watchlists and one feed whose port refuses connections.
    static func refusedFeedConfig(in dir: TestDirectory, interval: String, more: String = "") throws -> String {
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        return try dir.write(
            "feedwatch.yaml",
            """
            feeds:
              - url: http://127.0.0.1:1/refused
                id: refused
                interval: \(interval)
            store: state/fw.sqlite
            alert_log: state/alerts.jsonl
            \(more)
            """)
    }
}
