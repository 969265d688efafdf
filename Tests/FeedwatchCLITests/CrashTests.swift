import FeedwatchStore
import FeedwatchTesting
import Foundation
import Testing

/// Exactly once into the log, whatever moment the process dies at.
@Suite("Killing feedwatch at random moments")
struct CrashTests {
    static func rss(feed: Int, items: Int) -> [UInt8] {
        let body = (0..<items).map { index in
            "<item><guid>f\(feed)-i\(index)</guid><title>Daesh fighters attack checkpoint \(index) in Kirkuk</title></item>"
        }.joined()
        return Array("<rss version=\"2.0\"><channel><title>feed \(feed)</title>\(body)</channel></rss>".utf8)
    }

    @Test(
        "after SIGKILL at random moments over many cycles, every alert is in the log exactly once and the store is intact"
    )
    func killNine() throws {
        let feedCount = 12
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var itemCounts = [Int](repeating: 10, count: feedCount)
        server.serveFeeds(
            Dictionary(uniqueKeysWithValues: (0..<feedCount).map { ("/f\($0).xml", Self.rss(feed: $0, items: 10)) }))
        let dir = try TestDirectory()
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        let feeds = (0..<feedCount).map { "  - {url: \"\(server.url("/f\($0).xml"))\", id: f\($0), backfill: all}" }
        let config = try dir.write(
            "feedwatch.yaml",
            "feeds:\n\(feeds.joined(separator: "\n"))\nstore: state/fw.sqlite\nalert_log: state/alerts.jsonl\n")

        // Kill moments spread over about twice a repeat run's length, however long a run takes with
        // this build on this machine, so that most runs die mid-way. Timed on a state of its own.
        let calibration = try dir.write(
            "calibration.yaml",
            "feeds:\n\(feeds.joined(separator: "\n"))\nstore: calibration/fw.sqlite\nalert_log: calibration/alerts.jsonl\n"
        )
        _ = try FeedwatchProcess.run(["run", "--once", "--config", calibration])
        let started = Date()
        let timed = try FeedwatchProcess.run(["run", "--once", "--config", calibration])
        #expect(timed.status == 0, "\(timed.stderr)")
        let killWindow = UInt32(min(2 * Date().timeIntervalSince(started), 5) * 1_000_000)

        var random = SeededRandomNumberGenerator(seed: 20_161_021)
        let deadline = Date().addingTimeInterval(60)
        var kills = 0
        var runs = 0
        while runs < 150, Date() < deadline {
            runs += 1
            // New items keep arriving, so most runs have alerts to commit and log.
            let feed = Int.random(in: 0..<feedCount, using: &random)
            itemCounts[feed] += Int.random(in: 1...5, using: &random)
            server.change(path: "/f\(feed).xml", body: Self.rss(feed: feed, items: itemCounts[feed]))
            let process = try FeedwatchProcess.start(["run", "--once", "--config", config])
            usleep(UInt32.random(in: 0...killWindow, using: &random))
            if process.process.isRunning { kills += 1 }
            _ = try process.stop(signal: SIGKILL, timeout: 10)
        }
        let last = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(last.status == 0, "\(last.stderr)")

        let expected = Set((0..<feedCount).flatMap { feed in (0..<itemCounts[feed]).map { "f\(feed)-i\($0)" } })
        let text = try String(contentsOfFile: dir.path + "/state/alerts.jsonl", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        var logged: [String] = []
        var alertIDs: [String] = []
        for line in text.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "unparseable: \(line)")
            guard object["event_type"] as? String == "alert" else { continue }
            alertIDs.append(try #require(object["alert_id"] as? String))
            logged.append(try #require((object["item"] as? [String: Any])?["id"] as? String))
        }
        #expect(Set(alertIDs).count == alertIDs.count, "duplicated alert ids in the log")
        #expect(Set(logged) == expected, "missing: \(expected.subtracting(logged).sorted().prefix(5))")
        #expect(logged.count == expected.count)

        let store = try Store(path: dir.path + "/state/fw.sqlite", readOnly: true)
        let integrity = try store.integrityCheck()
        #expect(integrity.isEmpty, "\(integrity)")
        #expect(try store.pendingCount() == 0)
        #expect(try store.alertCount() == expected.count)
        #expect(kills > runs / 3, "only \(kills) of \(runs) runs were killed mid-way")
    }
}
