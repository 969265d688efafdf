import Foundation

/// One benchmark run: generates the corpus, runs the chosen sections, prints and saves the table.
struct BenchRun {
    var options: BenchOptions
    var corpus: Corpus

    func run() async -> Int32 {
        let table = ResultTable()
        table.context = [
            "date": ISO8601DateFormatter().string(from: Date()),
            "cores": String(ProcessInfo.processInfo.activeProcessorCount),
            "seed": String(options.seed),
            "epoch": String(options.epoch),
            "feeds": String(options.feeds),
            "items_per_feed": String(options.items),
            "build": BuildInfo.configuration,
        ]
        if BuildInfo.configuration == "debug" {
            print("warning: debug build; measure with `swift run -c release Benchmarks`\n")
        }
        var feeds: [GeneratedFeed] = []
        let generated = Measure.once { feeds = corpus.feeds(options.feeds) }
        let bytes = feeds.reduce(0) { $0 + $1.bytes.count }
        let items = feeds.reduce(0) { $0 + $1.items.count }
        let alerting = feeds.reduce(0) { $0 + $1.expectedAlerts }
        table.context["corpus_bytes"] = String(bytes)
        print(
            "corpus: \(Figure.grouped(options.feeds)) feeds × \(options.items) items (\(Figure.grouped(items))), "
                + "\(Figure.megabytes(bytes)), "
                + "\(Figure.grouped(alerting)) alerting items, generated in \(Figure.fixed(generated.wall, 1)) s\n")
        print(ResultTable.header)

        if options.sections.contains(.parse) {
            ParseBenchmark(feeds: feeds, runs: options.runs).run(into: table)
        }
        if options.sections.contains(.match) {
            MatchBenchmark(
                items: feeds.flatMap { $0.items.map(\.feedItem) }, expectedAlerting: alerting,
                aliasCount: options.aliases, seed: options.seed, runs: options.runs
            ).run(into: table)
        }
        if options.sections.contains(.alerts) {
            AlertsBenchmark(feeds: feeds).run(into: table)
        }
        feeds = []
        if options.sections.contains(.e2e) {
            await EndToEndBenchmark(options: options, corpus: corpus).run(into: table)
        }

        do {
            try table.writeJSON(to: options.jsonOut)
            print("\nwrote \(options.jsonOut)")
        } catch {
            FileHandle.standardError.write(Data("cannot write \(options.jsonOut): \(error)\n".utf8))
            return 73
        }
        return 0
    }
}

enum BuildInfo {
    #if DEBUG
        static let configuration = "debug"
    #else
        static let configuration = "release"
    #endif
}
