import FeedwatchTesting
import Foundation
import Testing

/// The real daemon talking to a stand-in for systemd's notification socket.
@Suite("feedwatch run under a notification socket")
struct DaemonNotifyTests {
    /// Reads datagrams until one satisfies `done`, returning all of them (nil datagram = 5 s timeout).
    static func collect(_ receiver: DatagramReceiver, until done: (String) -> Bool) -> [String] {
        var seen: [String] = []
        while let message = receiver.receive() {
            seen.append(message)
            if done(message) { break }
        }
        return seen
    }

    static func install(_ dir: TestDirectory) throws -> String {
        try dir.copy(fromRepository: "seeds")
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        return try dir.write(
            "feedwatch.yaml",
            """
            feeds:
              - {url: seeds/kirkuk-rss.xml, backfill: all}
              - {url: seeds/kirkuk-atom.xml, backfill: all}
            store: state/fw.sqlite
            alert_log: state/alerts.jsonl
            """)
    }

    @Test("READY at start, WATCHDOG while idle, RELOADING then READY on SIGHUP, STOPPING on SIGTERM")
    func lifecycle() throws {
        let dir = try TestDirectory()
        let config = try Self.install(dir)
        let receiver = try DatagramReceiver(.path)
        let daemon = try FeedwatchProcess.start(
            ["run", "--config", config],
            environment: ["NOTIFY_SOCKET": receiver.notifyAddress, "WATCHDOG_USEC": "400000"])

        let start = Self.collect(receiver) { $0.contains("READY=1") }
        #expect(start.last?.contains("READY=1") == true, "\(start)")

        // Pings come from the scheduler's own loop, at half the watchdog period.
        var watchdogs = 0
        var statuses: [String] = []
        let until = Date().addingTimeInterval(2)
        while Date() < until, let message = receiver.receive() {
            if message.contains("WATCHDOG=1") { watchdogs += 1 }
            if message.contains("STATUS=") { statuses.append(message) }
        }
        #expect(watchdogs >= 3, "only \(watchdogs) WATCHDOG=1 in 2 s with WATCHDOG_USEC=400000")
        #expect(statuses.contains { $0.contains("2 feeds, 0 failing, 8 alerts today") }, "\(statuses)")

        daemon.send(SIGHUP)
        let reload = Self.collect(receiver) { $0.contains("READY=1") }
        let reloading = reload.firstIndex { $0.contains("RELOADING=1") }
        #expect(reloading != nil && reload.last?.contains("READY=1") == true, "\(reload)")

        daemon.send(SIGTERM)
        let rest = Self.collect(receiver) { $0.contains("STOPPING=1") }
        #expect(rest.last?.contains("STOPPING=1") == true, "\(rest)")
        let result = try daemon.stop(signal: SIGTERM, timeout: 10)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("a reload with a broken watchlist keeps the old one in force and says why")
    func brokenReload() throws {
        let dir = try TestDirectory()
        let config = try Self.install(dir)
        let receiver = try DatagramReceiver(.abstract)
        let daemon = try FeedwatchProcess.start(
            ["run", "--config", config], environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        _ = Self.collect(receiver) { $0.contains("READY=1") }
        _ = Self.collect(receiver) { $0.contains("alerts today") }  // the first cycle is done

        try dir.write("watchlists/kirkuk.yaml", "places:\n  - id: kirkuk\n   name: broken indentation\n")
        daemon.send(SIGHUP)
        let reload = Self.collect(receiver) { $0.contains("READY=1") }
        #expect(reload.contains { $0.contains("STATUS=reload failed") && $0.contains("kirkuk.yaml:3:") }, "\(reload)")

        // Still running, still answering signals, with the old watchlist.
        #expect(kill(daemon.pid, 0) == 0)
        let result = try daemon.stop(signal: SIGTERM, timeout: 10)
        #expect(result.status == 0)
        #expect(result.stderr.contains("reload failed; the previous configuration stays in force"))
    }

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
