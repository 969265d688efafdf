import FeedwatchModel
import FeedwatchOutput
import FeedwatchParse
import FeedwatchStore
import FeedwatchTesting
import Foundation
import Logging
import Testing

@testable import FeedwatchDaemon

/// The cycle with every real part: libcurl against a server on 127.0.0.1 and over file://,
/// libxml2, the matcher, a SQLite file and the JSON-lines log.
@Suite("One cycle through every stage")
struct PipelineTests {
    static func rss(_ items: [(id: String, title: String, date: Date)], link: (String) -> String? = { _ in nil })
        -> [UInt8]
    {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let body = items.map {
            "<item><guid>\($0.id)</guid><title>\($0.title)</title>"
                + (link($0.id).map { "<link>\($0)</link>" } ?? "")
                + "<pubDate>\(formatter.string(from: $0.date))</pubDate></item>"
        }.joined()
        return Array(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(body)</channel></rss>".utf8)
    }

    /// A config with the given feeds and the contract's example watchlist, opened for a cycle.
    static func open(_ dir: TestDirectory, feeds: String) throws -> (Configuration, Services) {
        try dir.write("watchlists/w.yaml", ConfigLoadingTests.watchlist)
        let path = try dir.write(
            "feedwatch.yaml", "feeds:\n\(feeds)\nstore: state/fw.sqlite\nalert_log: state/alerts.jsonl\n")
        let configuration = try Configuration.load(path: path, environment: [:])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (configuration, try Services.open(configuration, logger: logger))
    }

    static func logLines(_ dir: TestDirectory) throws -> [String] {
        try String(contentsOfFile: dir.path + "/state/alerts.jsonl", encoding: .utf8).split(separator: "\n").map(
            String.init)
    }

    @Test("a feed larger than the streaming threshold is parsed while it arrives, with the same result")
    func largeFeedParsedWhileItArrives() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let now = Date()
        // About 3 MB, sent in 16 KB chunks: the parse starts a megabyte in.
        let filler = String(repeating: "Water levels in the reservoir fell again this week. ", count: 5)
        var items = (0..<8_000).map { (id: "n\($0)", title: "\(filler)Report \($0)", date: now) }
        items[5_432] = (id: "hit", title: "Daesh gunmen attack Kirkuk", date: now)
        let body = Self.rss(items)
        #expect(body.count > 2 * StreamingParse.threshold)
        server.serve(
            "/big.xml",
            LoopbackResponse(
                headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: body,
                behaviour: .chunked(chunkSize: 16_384)))
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(dir, feeds: "  - url: \(server.url("/big.xml"))\n    id: big")

        let report = await services.pipeline.run(configuration.config.feeds, with: configuration)

        #expect(report.failed.isEmpty, "\(report.failed)")
        #expect(report.newItems == 8_000)
        #expect(report.alerts.map(\.item.id) == ["hit"])
        #expect(
            try FeedParser.parse(body, url: server.url("/big.xml"), charset: "utf-8").items.count == 8_000)
    }

    @Test("an HTTP feed alerts once, is then revalidated with its ETag (304), and only new items alert")
    func httpFeedAcrossCycles() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let now = Date()
        server.serveFeed(
            "/feed.xml", body: Self.rss([("a", "ISIS gunmen attack Kerkuk", now), ("b", "Weather in Kirkuk", now)]))
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(dir, feeds: "  - url: \(server.url("/feed.xml"))\n    id: wire")

        let first = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(first.fetched == 1 && first.newItems == 2)
        #expect(first.alerts.map(\.item.id) == ["a"])
        #expect(try Self.logLines(dir).count == 1)

        let second = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(second.notModified == 1 && second.alerts.isEmpty)
        let etag = try #require(server.validators(path: "/feed.xml")?.etag)
        #expect(server.requests("/feed.xml").last?.header("If-None-Match") == etag)

        // One new alerting item, and an edit of "a" that fires no rule it had not fired before.
        server.change(
            path: "/feed.xml",
            body: Self.rss([
                ("a", "ISIS gunmen attack Kerkuk, dozens hurt", now), ("b", "Weather in Kirkuk", now),
                ("c", "Daesh claims the كركوك raid", now),
            ]))
        let third = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(third.fetched == 1 && third.newItems == 1)
        #expect(third.alerts.map(\.item.id) == ["c"])
        let ids = try Self.logLines(dir).compactMap { AlertLine.decode($0)?.alertID }
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(try services.store.alerts(AlertQuery()).count == 2)
    }

    @Test("a new feed's archive older than the backfill window is recorded without alerting")
    func backfill() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let now = Date()
        server.serveFeed(
            "/feed.xml",
            body: Self.rss([
                ("old", "ISIS attack in Kirkuk", now.addingTimeInterval(-3 * 86400)),
                ("new", "ISIL fighters near Kirkuk", now.addingTimeInterval(-3600)),
            ]))
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(
            dir, feeds: "  - url: \(server.url("/feed.xml"))\n    backfill: 24h")
        let report = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(report.newItems == 2)
        #expect(report.alerts.map(\.item.id) == ["new"])
        let seen = try services.store.seenItems(feed: configuration.config.feeds[0].id, ids: ["old", "new"])
        #expect(seen.count == 2)
    }

    @Test("a broken feed is reported and the others still alert")
    func brokenFeedDoesNotStopOthers() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.serve("/page", .text("<html><body>Not a feed</body></html>", contentType: "text/html"))
        server.serve("/missing", LoopbackResponse(status: 404))
        server.serveFeed("/feed.xml", body: Self.rss([("x", "Daesh in Kirkuk", Date())]))
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(
            dir,
            feeds: """
                  - url: \(server.url("/page"))
                    id: page
                  - url: \(server.url("/missing"))
                    id: missing
                  - url: http://127.0.0.1:1/refused
                    id: refused
                  - url: \(server.url("/feed.xml"))
                    id: good
                """)
        let report = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(Set(report.failed.map(\.feed)) == ["page", "missing", "refused"])
        #expect(report.alerts.map(\.feed.id) == ["good"])
        let states = Dictionary(
            try services.store.feedStates().map { ($0.feedID, $0.status) }, uniquingKeysWith: { a, _ in a })
        #expect(states["page"] == "not-a-feed")
        #expect(states["missing"] == "http-status")
        #expect(states["refused"] == "connect")
        #expect(states["good"] == "ok")
    }

    @Test("alerts committed but not logged (a crash between the two) are logged on the next cycle, once")
    func outboxRecovery() async throws {
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(dir, feeds: "  - url: https://example.org/feed.xml")
        let feed = configuration.config.feeds[0]
        let item = FeedItem(id: "z", title: "Daesh in Kirkuk")
        let hit = try #require(configuration.matcher.evaluate(item).first)
        let alert = Alert(
            feed: feed, item: Alert.ItemRef(id: item.id, title: item.title, link: nil, published: nil), hit: hit,
            snippet: "s", at: Date())
        try services.store.commit(
            feed: feed.id, seen: [SeenItem(itemID: "z", contentHash: "h", published: nil)], alerts: [alert])
        #expect(services.pipeline.flushOutbox() == nil)
        #expect(services.pipeline.flushOutbox() == nil)
        #expect(try Self.logLines(dir).compactMap { AlertLine.decode($0)?.alertID } == [alert.alertID])
        #expect(try services.store.pendingAlerts().isEmpty)
    }

    @Test(
        "the same story from a second outlet (same canonical link) is one alert with an alert_update, not a new alert")
    func corroboration() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let now = Date()
        server.serveFeed(
            "/a.xml",
            body: Self.rss([("a1", "Daesh attack in Kirkuk", now)]) { _ in
                "https://news.example/story/42?utm_source=rss"
            })
        server.serveFeed(
            "/b.xml",
            body: Self.rss([("b1", "ISIS gunmen hit Kerkuk", now)]) { _ in "https://NEWS.example/story/42#top" })
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(
            dir, feeds: "  - {url: \"\(server.url("/a.xml"))\", id: a}\n  - {url: \"\(server.url("/b.xml"))\", id: b}")
        let first = await services.pipeline.run([configuration.config.feeds[0]], with: configuration)
        #expect(first.alerts.count == 1)
        let second = await services.pipeline.run([configuration.config.feeds[1]], with: configuration)
        #expect(second.alerts.isEmpty)
        let lines = try Self.logLines(dir)
        #expect(lines.count == 2)
        let update = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(update["event_type"] as? String == "alert_update")
        #expect(update["alert_id"] as? String == first.alerts.first?.alertID)
        #expect(update["sources"] as? Int == 2)
        // Seen again, it adds nothing.
        server.change(
            path: "/b.xml",
            body: Self.rss([("b1", "ISIS gunmen hit Kerkuk", now)]) { _ in "https://news.example/story/42" })
        _ = await services.pipeline.run(configuration.config.feeds, with: configuration)
        #expect(try Self.logLines(dir).count == 2)
    }

    @Test(
        "the same story in nearly the same words from another outlet, linked elsewhere, corroborates; another story does not"
    )
    func nearDuplicateText() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let now = Date()
        let wire =
            "Islamic State gunmen stormed a power station north of Kirkuk before dawn on Friday and held hotels and schools for hours"
        server.serveFeed("/a.xml", body: Self.rss([("a1", wire, now)]) { _ in "https://one.example/a" })
        server.serveFeed(
            "/b.xml",
            body: Self.rss([
                ("b1", wire.replacingOccurrences(of: "on Friday", with: "on Friday, officials said"), now),
                (
                    "b2",
                    "ISIS fighters attacked a police checkpoint on the road between Kirkuk and Hawija late on Sunday night",
                    now
                ),
            ]) { "https://two.example/\($0)" })
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(
            dir, feeds: "  - {url: \"\(server.url("/a.xml"))\", id: a}\n  - {url: \"\(server.url("/b.xml"))\", id: b}")
        let first = await services.pipeline.run([configuration.config.feeds[0]], with: configuration)
        #expect(first.alerts.map(\.item.id) == ["a1"])
        let second = await services.pipeline.run([configuration.config.feeds[1]], with: configuration)
        #expect(second.alerts.map(\.item.id) == ["b2"])
        let updates = try Self.logLines(dir).filter { $0.contains("\"event_type\":\"alert_update\"") }
        #expect(updates.count == 1)
        #expect(updates.first?.contains(first.alerts.first?.alertID ?? "-") == true)
    }

    @Test("a feed that redirects permanently on three fetches in a row is fetched at its new address")
    func permanentRedirect() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.serveFeed("/new.xml", body: Self.rss([("n", "Weather in Kirkuk", Date())]))
        server.serve("/old.xml", .redirect(to: server.url("/new.xml"), status: 301))
        let dir = try TestDirectory()
        let (configuration, services) = try Self.open(dir, feeds: "  - {url: \"\(server.url("/old.xml"))\", id: moved}")
        for _ in 0..<5 { _ = await services.pipeline.run(configuration.config.feeds, with: configuration) }
        #expect(server.hits("/old.xml") == 3)
        #expect(server.hits("/new.xml") == 5)
        let state = try #require(try services.store.feedState("moved"))
        #expect(state.url == server.url("/old.xml"))
        #expect(state.fetchURL == server.url("/new.xml"))
    }
}
