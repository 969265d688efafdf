import FeedwatchTesting
import Foundation
import Testing

/// SIGTERM while a cycle is busy fetching and committing.
@Suite("Stopping the daemon mid-cycle")
struct BusyCycleStopTests {
    @Test("SIGTERM during a busy cycle exits in bounded time and leaves no torn log line")
    func stopDuringBusyCycle() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let items = (0..<50).map { "<item><guid>i\($0)</guid><title>Daesh attack \($0) in Kirkuk</title></item>" }
            .joined()
        let body = Array("<rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>".utf8)
        var feeds: [String: [UInt8]] = [:]
        for index in 0..<200 { feeds["/f\(index).xml"] = body }
        server.serveFeeds(feeds)
        let dir = try TestDirectory()
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        let list = (0..<200).map { "  - {url: \"\(server.url("/f\($0).xml"))\", id: f\($0), backfill: all}" }
        let config = try dir.write(
            "feedwatch.yaml",
            "feeds:\n\(list.joined(separator: "\n"))\nstore: state/fw.sqlite\nalert_log: state/alerts.jsonl\n")
        let daemon = try FeedwatchProcess.start(["run", "--config", config])
        let log = dir.path + "/state/alerts.jsonl"
        // Stop once the cycle is under way: fetches have begun.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (0..<200).reduce(0, { $0 + server.hits("/f\($1).xml") }) < 20 {
            usleep(10_000)
        }
        let stopped = Date()
        let result = try daemon.stop(signal: SIGTERM, timeout: 20)
        #expect(Date().timeIntervalSince(stopped) < 20)
        #expect(result.status == 0, "\(result.stderr.suffix(500))")
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(text.isEmpty || text.hasSuffix("\n"))
        for line in text.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
    }
}
