import FeedwatchTesting
import Foundation
import Testing

/// A full disk loses nothing: items are not marked seen, the error is reported, the daemon
/// keeps running, and it catches up once space returns.
@Suite("A full disk")
struct DiskFullTests {
    @Test(
        "the daemon reports a full disk, keeps running, and logs every alert once space returns",
        .enabled(if: TmpfsMount.mayMount))
    func daemonCatchesUp() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.serveFeed(
            "/feed.xml", body: Array("<rss version=\"2.0\"><channel><title>t</title></channel></rss>".utf8))
        let dir = try TestDirectory()
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        let disk = try #require(TmpfsMount.mount(kilobytes: 2048))
        let log = disk.path + "/alerts.jsonl"
        let config = try dir.write(
            "feedwatch.yaml",
            """
            feeds:
              - {url: "\(server.url("/feed.xml"))", id: wire, interval: 1s, backfill: all}
            defaults: {min_interval: 1s}
            store: \(disk.path)/fw.sqlite
            alert_log: \(log)
            """)
        let daemon = try FeedwatchProcess.start(["run", "--config", config])
        func waitFor(_ seconds: TimeInterval, _ done: () -> Bool) {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !done() { usleep(100_000) }
        }
        waitFor(10) { server.hits("/feed.xml") >= 1 }
        usleep(300_000)

        // The disk fills, then the feed brings alerting items.
        let filler = disk.fill()
        let seed = try Data(contentsOf: URL(fileURLWithPath: TestDirectory.repository + "/seeds/kirkuk-rss.xml"))
        server.change(path: "/feed.xml", body: Array(seed))
        let fetchesBefore = server.hits("/feed.xml")
        waitFor(15) { server.hits("/feed.xml") >= fetchesBefore + 2 }
        #expect(kill(daemon.pid, 0) == 0, "the daemon must keep running on a full disk")
        let during = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(!during.contains("\"event_type\":\"alert\""))

        // Space returns: the next cycles catch up.
        try FileManager.default.removeItem(atPath: filler)
        waitFor(20) {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count >= 4
        }
        let result = try daemon.stop(signal: SIGTERM, timeout: 10)
        #expect(result.status == 0)
        #expect(result.stderr.contains("store commit failed"), "\(result.stderr.suffix(800))")
        let ids = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["alert_id"] as? String
        }
        #expect(ids.count == 4, "the RSS seed raises 4 alerts")
        #expect(Set(ids).count == ids.count)
    }
}
