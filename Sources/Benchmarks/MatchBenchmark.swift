import FeedwatchDaemon
import FeedwatchMatch
import FeedwatchModel
import Foundation

/// MB/s of item text through `Matcher` (normalization included) with the 50-alias regional
/// watchlist and an N-alias gazetteer, in the same run, and the gazetteer's compile time.
struct MatchBenchmark {
    var items: [FeedItem]
    var expectedAlerting: Int
    var aliasCount: Int
    var seed: UInt64
    var runs: Int

    func run(into table: ResultTable) {
        let bytes = items.reduce(0) { total, item in
            total + ItemField.allCases.reduce(0) { $0 + (item.text(of: $1)?.utf8.count ?? 0) }
        }
        let regional = BenchWatchlists.regional
        let gazetteer = BenchWatchlists.gazetteer(aliasCount: aliasCount, seed: seed)
        let text = "\(Figure.grouped(items.count)) items, \(Figure.megabytes(bytes)) of text"
        for (label, watchlist) in [("50-alias", regional), ("\(Figure.grouped(aliasCount))-alias", gazetteer)] {
            measure(label: label, watchlist: watchlist, bytes: bytes, text: text, into: table)
        }
        reload(gazetteer, into: table)
    }

    /// What a SIGHUP costs with the gazetteer: read the config and the watchlist YAML, check, compile.
    private func reload(_ watchlist: Watchlist, into table: ResultTable) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-bench-reload-\(getpid())"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = BenchConfig(directory: directory)
        var failure: String?
        do {
            try config.write(urls: ["http://127.0.0.1:9/feed.xml"], watchlist: watchlist)
        } catch {
            failure = "\(error)"
        }
        let sample = Measure.best(of: runs) {
            guard failure == nil else { return }
            do throws(ConfigurationError) {
                _ = try Configuration.load(path: config.configPath)
            } catch {
                failure = error.problems.prefix(2).map(\.description).joined(separator: "; ")
            }
        }
        let what =
            "reload: Configuration.load of the \(Figure.grouped(watchlist.aliasCount))-alias watchlist (YAML + checks + compile)"
        if let failure {
            table.add(ResultRow("match", what, figure: "n/a (\(failure.prefix(200)))", reference: "≤ 200 ms"))
            return
        }
        table.add(
            ResultRow(
                "match", what,
                figure: "\(Figure.fixed(sample.wall * 1000, 0)) ms wall, \(Figure.fixed(sample.cpu * 1000, 0)) ms CPU",
                reference: "≤ 200 ms", metrics: ["wall_ms": sample.wall * 1000, "cpu_ms": sample.cpu * 1000]))
    }

    private func measure(label: String, watchlist: Watchlist, bytes: Int, text: String, into table: ResultTable) {
        var matcher: Matcher?
        var compileError: String?
        let compile = Measure.best(of: runs) {
            do throws(MatcherError) {
                matcher = try Matcher(watchlist: watchlist)
            } catch {
                compileError = error.description
            }
        }
        let aliases = Figure.grouped(watchlist.aliasCount)
        let diagnostics = Matcher.diagnostics(in: watchlist)
        let warnings = diagnostics.filter { $0.severity == .warning }
        let errors = diagnostics.filter { $0.severity == .error }
        var checkNote: String?
        if let first = errors.first ?? warnings.first {
            checkNote = "check: \(errors.count) errors, \(warnings.count) warnings, e.g. \(first.message.prefix(120))"
        }
        guard let matcher else {
            table.add(
                ResultRow(
                    "match", "compile \(label) watchlist", figure: "n/a (Matcher failed: \(compileError ?? "?"))",
                    reference: "≤ 200 ms"))
            return
        }
        table.add(
            ResultRow(
                "match", "compile \(label) watchlist (\(aliases) aliases)",
                figure:
                    "\(Figure.fixed(compile.wall * 1000, 1)) ms wall, \(Figure.fixed(compile.cpu * 1000, 1)) ms CPU",
                reference: "≤ 200 ms (reload goal, 20,000 aliases)",
                metrics: [
                    "wall_ms": compile.wall * 1000, "cpu_ms": compile.cpu * 1000,
                    "aliases": Double(watchlist.aliasCount), "check_errors": Double(errors.count),
                    "check_warnings": Double(warnings.count),
                ],
                note: checkNote))

        let now = Date()
        var matchCount = 0
        let pass = Measure.best(of: runs) {
            matchCount = 0
            for item in items { matchCount += matcher.matches(in: item, at: now).count }
        }
        let alerting = items.lazy.filter { !matcher.evaluate($0, at: now).isEmpty }.count
        let rate = Double(bytes) / 1e6 / pass.cpu
        table.add(
            ResultRow(
                "match", "normalize + match, \(label) watchlist, \(text)",
                figure: "\(Figure.rate(rate)) MB/s CPU, \(Figure.grouped(matchCount)) matches, "
                    + "\(Figure.grouped(alerting)) alerting items (expected \(Figure.grouped(expectedAlerting)))",
                reference: label == "50-alias" ? "" : "≥ 150 MB/s (Rust Aho-Corasick ≈160, Hyperscan ≈330)",
                metrics: [
                    "mb_per_s": rate, "cpu_s": pass.cpu, "wall_s": pass.wall, "bytes": Double(bytes),
                    "matches": Double(matchCount), "alerting_items": Double(alerting),
                    "alerting_expected": Double(expectedAlerting), "aliases": Double(watchlist.aliasCount),
                ]))
    }
}
