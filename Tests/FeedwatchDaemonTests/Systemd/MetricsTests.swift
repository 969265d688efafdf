import FeedwatchDaemon
import FeedwatchModel
import Foundation
import Testing

@Suite("Prometheus textfile metrics")
struct MetricsTests {
    func sample() -> Metrics {
        let metrics = Metrics(startTime: Date(timeIntervalSince1970: 1_795_568_523))
        metrics.recordFetch(result: "ok", duration: .milliseconds(40))
        metrics.recordFetch(result: "ok", duration: .milliseconds(300))
        metrics.recordFetch(result: "timeout", duration: .seconds(31))
        metrics.recordFetch(result: "not_modified", duration: .milliseconds(5))
        metrics.addItemsParsed(50)
        metrics.addItemsParsed(7)
        metrics.recordParseError()
        metrics.recordAlert(severity: .high)
        metrics.recordAlert(severity: .high)
        metrics.recordAlert(severity: .critical)
        metrics.setWatchlistGeneration(3)
        metrics.setFeeds(total: 12, failing: 1)
        return metrics
    }

    @Test("Every family has HELP and TYPE, and the samples carry the counted values")
    func exposition() {
        let text = sample().render()
        let lines = Set(text.split(separator: "\n").map(String.init))
        for expected in [
            "# TYPE feedwatch_fetches_total counter",
            "feedwatch_fetches_total{result=\"ok\"} 2",
            "feedwatch_fetches_total{result=\"timeout\"} 1",
            "feedwatch_fetches_total{result=\"not_modified\"} 1",
            "# TYPE feedwatch_fetch_duration_seconds histogram",
            "feedwatch_fetch_duration_seconds_bucket{le=\"0.05\"} 2",
            "feedwatch_fetch_duration_seconds_bucket{le=\"0.25\"} 2",
            "feedwatch_fetch_duration_seconds_bucket{le=\"0.5\"} 3",
            "feedwatch_fetch_duration_seconds_bucket{le=\"30\"} 3",
            "feedwatch_fetch_duration_seconds_bucket{le=\"+Inf\"} 4",
            "feedwatch_fetch_duration_seconds_count 4",
            "feedwatch_items_parsed_total 57",
            "feedwatch_parse_errors_total 1",
            "feedwatch_alerts_total{severity=\"high\"} 2",
            "feedwatch_alerts_total{severity=\"critical\"} 1",
            "feedwatch_alerts_total{severity=\"info\"} 0",
            "# TYPE feedwatch_watchlist_generation gauge",
            "feedwatch_watchlist_generation 3",
            "feedwatch_feeds 12",
            "feedwatch_feeds_failing 1",
            "feedwatch_start_time_seconds 1795568523",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(text.hasSuffix("\n"))
    }

    @Test("Each sample line is NAME{labels} VALUE with a number, and no sample has a timestamp")
    func wellFormed() {
        for line in sample().render().split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "\(line)")
            #expect(parts.last.flatMap { Double($0) } != nil, "\(line)")
            #expect(parts.first?.first?.isLetter == true, "\(line)")
        }
    }

    @Test("Label values from servers are escaped and cannot break the file")
    func escaping() {
        let metrics = Metrics()
        metrics.recordFetch(result: "http \"5\\0\"\nfake_metric 1", duration: .zero)
        let text = metrics.render()
        #expect(text.contains("feedwatch_fetches_total{result=\"http \\\"5\\\\0\\\" fake_metric 1\"} 1"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("fake_metric") })
    }

    @Test("write(to:) replaces the file atomically, world-readable, leaving no temporary file")
    func atomicWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("feedwatch.prom").path
        try "stale".write(toFile: path, atomically: false, encoding: .utf8)

        let metrics = sample()
        try metrics.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == metrics.render())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["feedwatch.prom"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o644)
    }

    @Test("A write into a missing directory fails with a kind and a message, not a crash")
    func writeFailure() {
        #expect(throws: MetricsError.self) {
            try Metrics().write(to: "/nonexistent-feedwatch-dir/feedwatch.prom")
        }
        do {
            try Metrics().write(to: "/nonexistent-feedwatch-dir/feedwatch.prom")
        } catch {
            #expect(error.kind == .open)
            #expect(error.message.contains("nonexistent-feedwatch-dir"))
        }
    }

    @Test("Counting from many tasks at once loses nothing")
    func concurrentCounting() async {
        let metrics = Metrics()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<1_000 {
                        metrics.recordFetch(result: "ok", duration: .milliseconds(1))
                        metrics.recordAlert(severity: .medium)
                    }
                }
            }
        }
        let values = metrics.snapshot
        #expect(values.fetches["ok"] == 8_000)
        #expect(values.fetchCount == 8_000)
        #expect(values.alerts[.medium] == 8_000)
    }
}
