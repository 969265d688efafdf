import Foundation

/// One `feedwatch run --once` cycle over N feeds served from loopback: the first fetch, a
/// repeat where every answer is 304, and a repeat where 10% of the feeds changed. The real
/// built binary runs as a child process, so wall, CPU and peak RSS are the daemon's own.
struct EndToEndBenchmark {
    var options: BenchOptions
    var corpus: Corpus

    /// Whether the config's watchlist carries the "Kirkuk FC" exclusion (`exclude:`); without
    /// it the club decoy fires (it mentions Daesh).
    static let exclusionsInConfig = true

    static let reference = "≤ 1 s wall, ≤ 64 MB per 1,000 feeds; 304 repeat ≤ 0.1 s (newsboat ≈19 s, curl ≈0.2 s)"

    func run(into table: ResultTable) async {
        guard let binary = feedwatchBinary() else {
            table.add(
                ResultRow(
                    "e2e", "run --once", figure: "n/a (no feedwatch binary next to Benchmarks; build it first)",
                    reference: Self.reference))
            return
        }
        print("| e2e | binary | \(binary) | |")
        for size in options.endToEndSizes {
            // A fresh server per size, so nothing of the last size is served or counted.
            let server: any FeedOrigin
            do {
                server = try makeOrigin()
            } catch {
                table.add(ResultRow("e2e", "loopback server", figure: "n/a (\(error))"))
                return
            }
            cycle(size: size, binary: binary, server: server, into: table)
            (server as? CorpusServer)?.stop()
        }
    }

    private func makeOrigin() throws -> any FeedOrigin {
        switch options.server {
        case .corpus:
            let server = CorpusServer(hostCount: options.hosts)
            try server.start(port: 0)
            return server
        case .loopback:
            return try TestingServerOrigin()
        }
    }

    private func cycle(size: Int, binary: String, server: any FeedOrigin, into table: ResultTable) {
        var urls: [String] = []
        var expectedCold = 0
        var bytes = 0
        for index in 0..<size {
            let feed = corpus.feed(index)
            expectedCold += expectedAlerts(feed, new: false)
            bytes += feed.bytes.count
            server.publish(feed, document(feed))
            urls.append(server.url(of: feed.path, index: index))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-bench-\(getpid())-\(size)"
        ).path
        let config = BenchConfig(directory: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try config.write(urls: urls, watchlist: BenchWatchlists.regional)
        } catch {
            table.add(ResultRow("e2e", "\(size) feeds", figure: "n/a (cannot write the config: \(error))"))
            return
        }
        let label = "\(Figure.grouped(size)) feeds"
        _ = server.takeCounts()

        var loggedBefore = 0
        let rounds: [(name: String, prepare: () -> Int)] = [
            ("cold (\(Figure.megabytes(bytes)), \(options.server.label))", { expectedCold }),
            ("repeat, all 304", { 0 }),
            (
                "repeat, 10% changed",
                {
                    var expected = 0
                    for index in stride(from: 0, to: size, by: 10) {
                        let feed = corpus.feed(index, version: 1)
                        expected += expectedAlerts(feed, new: true)
                        server.publish(feed, document(feed))
                    }
                    return expected
                }
            ),
        ]
        for round in rounds {
            let expected = round.prepare()
            let what = "run --once, \(label), \(round.name)"
            let outcome: ChildProcess.Outcome
            let floor: Int
            do {
                (outcome, floor) = try ChildProcess.runLaunched(
                    binary, arguments: ["run", "--once", "--config", config.configPath],
                    environment: environment(directory: directory), stdout: directory + "/stdout.txt",
                    stderr: directory + "/stderr.txt", timeout: options.timeout)
            } catch {
                table.add(ResultRow("e2e", what, figure: "n/a (\(error))", reference: Self.reference))
                return
            }
            let served = server.takeCounts()
            guard outcome.succeeded else {
                let why = lastLines(of: directory + "/stderr.txt")
                table.add(
                    ResultRow(
                        "e2e", what,
                        figure: "n/a (run --once failed: \(outcome.failure)\(why.isEmpty ? "" : ": " + why))",
                        reference: Self.reference))
                return
            }
            let logged = BenchConfig.countAlerts(inLog: config.alertLogPath)
            let written = logged.alerts - loggedBefore
            loggedBefore = logged.alerts
            var notes: [String] = []
            if outcome.peakRSSBytes <= floor { notes.append("peak RSS is the launcher's floor") }
            if logged.duplicates > 0 { notes.append("\(logged.duplicates) duplicate alert ids in the log") }
            if served.requests < size { notes.append("server saw \(served.requests) of \(size) requests") }
            let daemonSays = DaemonStderr(path: directory + "/stderr.txt")
            if let failure = daemonSays.firstFailure {
                notes.append("\(daemonSays.failures) feeds failed, e.g. \(failure)")
            }
            table.add(
                ResultRow(
                    "e2e", what,
                    figure: "\(Figure.fixed(outcome.wall, 2)) s wall, \(Figure.fixed(outcome.cpu, 2)) s CPU, "
                        + "\(Figure.fixed(Double(outcome.peakRSSBytes) / 1_048_576, 0)) MB peak RSS, "
                        + "\(Figure.grouped(written)) alerts (expected \(Figure.grouped(expected))); \(served.summary)",
                    reference: round.name.hasPrefix("repeat, all") ? "≤ 0.1 s per 1,000 feeds" : Self.reference,
                    metrics: [
                        "wall_s": outcome.wall, "cpu_s": outcome.cpu,
                        "peak_rss_mb": Double(outcome.peakRSSBytes) / 1_048_576,
                        "peak_rss_floor_mb": Double(floor) / 1_048_576,
                        "alerts": Double(written), "alerts_expected": Double(expected), "feeds": Double(size),
                        "http_200": Double(served.ok), "http_304": Double(served.notModified),
                        "body_bytes": Double(served.bodyBytes), "connections": Double(served.connections),
                    ],
                    note: notes.isEmpty ? nil : notes.joined(separator: "; "), detail: daemonSays.summary))
        }
    }

    /// Alerts a correct daemon writes for this feed: all of it on the first fetch, only the new items later.
    private func expectedAlerts(_ feed: GeneratedFeed, new: Bool) -> Int {
        let items = new ? Array(feed.items.prefix(corpus.generator.itemsPerChange)) : feed.items
        return items.lazy.filter { $0.alerts || (!Self.exclusionsInConfig && $0.kind == .decoyClub) }.count
    }

    private func document(_ feed: GeneratedFeed) -> CorpusServer.Document {
        let updated = feed.items.map(\.published).max() ?? corpus.generator.epoch
        return CorpusServer.Document(
            body: feed.bytes, etag: "\"f\(feed.index)-v\(feed.version)\"", lastModified: CivilTime(updated).httpDate,
            contentType: feed.format == .rss
                ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8")
    }

    /// The daemon's environment: ours, with its state pinned inside the run's directory and
    /// nothing that would make it think systemd started it.
    private func environment(directory: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = directory + "/xdg-state"
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "INVOCATION_ID", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[key] = nil
        }
        return environment
    }

    private func feedwatchBinary() -> String? {
        if let path = options.feedwatchPath { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("feedwatch")
            .path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    private func lastLines(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).suffix(2)
        return String(lines.joined(separator: " / ").prefix(240))
    }
}

/// What `run --once` says on stderr: its summary line and the feeds that failed.
struct DaemonStderr {
    var summary: String?
    var failures = 0
    var firstFailure: String?

    init(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            if line.contains(" fetched, ") { summary = String(line) }
            if line.hasPrefix("feedwatch: feed ") {
                failures += 1
                if firstFailure == nil { firstFailure = String(line.dropFirst("feedwatch: feed ".count).prefix(160)) }
            }
        }
    }
}
