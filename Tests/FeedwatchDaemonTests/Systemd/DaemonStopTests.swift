import FeedwatchTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM while a cycle is still busy: systemd waits `TimeoutStopSec=30` and then kills, so the
/// daemon must be gone well before, and the alert log must hold only whole lines.
@Suite("Stopping a busy daemon")
struct DaemonStopTests {
    @Test("SIGTERM during a cycle stuck on servers that never answer exits in bounded time, no torn line")
    func stopWhileBusy() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let stuck = (1...3).map { "/stuck-\($0).xml" }
        for path in stuck {
            server.serve(path, .text("", contentType: "application/rss+xml", behaviour: .silent))
        }
        // The seed feed alerts at once; the stuck ones keep the cycle busy (fetch timeout 120 s).
        var config = """
            fetch:
              timeout: 120s
            feeds:
              - url: seeds/kirkuk-rss.xml
                id: seed-rss
                interval: 10m
                backfill: all

            """
        for (index, path) in stuck.enumerated() {
            config += "  - url: \(server.url(path))\n    id: stuck-\(index)\n    interval: 10m\n"
        }
        config += "watchlists: [watchlists/*.yaml]\nstore: state/feedwatch.sqlite\nalert_log: state/alerts.jsonl\n"
        let daemon = try DaemonUnderSystemd(config: config)
        try #require(daemon.waitFor { $0.assignments["READY"] == "1" } != nil, "stderr: \(daemon.stderr)")

        // Busy: every stuck feed has been asked for, and none will ever answer.
        let deadline = ContinuousClock.now + .seconds(20)
        while stuck.contains(where: { server.hits($0) == 0 }) && ContinuousClock.now < deadline {
            usleep(20_000)
        }
        try #require(!stuck.contains { server.hits($0) == 0 }, "stuck feeds not requested; stderr: \(daemon.stderr)")

        let start = ContinuousClock.now
        daemon.send(SIGTERM)
        #expect(daemon.waitFor(timeout: .seconds(15)) { $0.assignments["STOPPING"] == "1" } != nil)
        let status = daemon.waitForExit(timeout: .seconds(25))
        let elapsed = ContinuousClock.now - start
        #expect(status != nil, "still running 25 s after SIGTERM (TimeoutStopSec=30)")
        #expect(status == 0, "exit status \(String(describing: status)); stderr: \(daemon.stderr)")
        #expect(elapsed < .seconds(25))

        // Whatever reached the log is whole: every line ends with a newline and parses.
        let log = (try? Data(contentsOf: URL(fileURLWithPath: daemon.directory.path + "/state/alerts.jsonl"))) ?? Data()
        #expect(!log.isEmpty, "the seed feed's alerts should be in the log before the stuck feeds finish")
        if !log.isEmpty {
            #expect(log.last == UInt8(ascii: "\n"), "last line torn")
        }
        for line in log.split(separator: UInt8(ascii: "\n")) {
            #expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil, "unparseable line")
        }
    }
}
