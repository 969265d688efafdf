import FeedwatchParse

/// Parse MB/s and items/s of `FeedParser.parse` beside the raw libxml2 SAX pass over the same bytes.
struct ParseBenchmark {
    var feeds: [GeneratedFeed]
    var runs: Int

    /// The parser alone, `times` over the corpus, timed as a whole: a steady load for a profiler.
    func loop(times: Int) -> Sample {
        Measure.best(of: 1) {
            for _ in 0..<times {
                for feed in feeds { _ = try? FeedParser.parse(feed.bytes, url: "http://127.0.0.1\(feed.path)") }
            }
        }
    }

    func run(into table: ResultTable) {
        let bytes = feeds.reduce(0) { $0 + $1.bytes.count }
        let items = feeds.reduce(0) { $0 + $1.items.count }
        let megabytes = Double(bytes) / 1e6
        let size = "\(Figure.grouped(feeds.count)) feeds, \(Figure.megabytes(bytes))"

        var rawFailures = 0
        let rawMemory = Measure.best(of: runs) {
            rawFailures = 0
            for feed in feeds where !RawSAXPass.memory(feed.bytes) { rawFailures += 1 }
        }
        let rawPush = Measure.best(of: runs) {
            for feed in feeds { RawSAXPass.push(feed.bytes) }
        }

        var parsedItems = 0
        var failures = 0
        var firstError: String?
        let parser = Measure.best(of: runs) {
            parsedItems = 0
            failures = 0
            for feed in feeds {
                do throws(ParseError) {
                    parsedItems += try FeedParser.parse(feed.bytes, url: "http://127.0.0.1\(feed.path)").items.count
                } catch {
                    failures += 1
                    if firstError == nil { firstError = error.description }
                }
            }
        }

        let rawRate = megabytes / rawMemory.cpu
        let pushRate = megabytes / rawPush.cpu
        table.add(
            ResultRow(
                "parse", "raw libxml2 SAX pass (memory context), \(size)",
                figure: "\(Figure.rate(rawRate)) MB/s CPU, \(Figure.rate(Double(items) / rawMemory.cpu)) items/s",
                reference: "≈460 MB/s (reference machine)",
                metrics: [
                    "mb_per_s": rawRate, "items_per_s": Double(items) / rawMemory.cpu, "cpu_s": rawMemory.cpu,
                    "wall_s": rawMemory.wall, "bytes": Double(bytes), "ill_formed": Double(rawFailures),
                ],
                note: rawFailures > 0 ? "\(rawFailures) ill-formed" : nil))
        table.add(
            ResultRow(
                "parse", "raw libxml2 SAX pass (push context, one chunk)",
                figure: "\(Figure.rate(pushRate)) MB/s CPU",
                reference: "≈590 MB/s (reference machine)",
                metrics: ["mb_per_s": pushRate, "cpu_s": rawPush.cpu, "wall_s": rawPush.wall]))

        guard parsedItems > 0 else {
            table.add(
                ResultRow(
                    "parse", "FeedParser.parse", figure: "n/a (parser failed: \(firstError ?? "no items"))",
                    reference: "≥70% of the raw pass", metrics: ["failures": Double(failures)]))
            return
        }
        let parserRate = megabytes / parser.cpu
        let ratio = parserRate / rawRate
        table.add(
            ResultRow(
                "parse", "FeedParser.parse, \(size)",
                figure: "\(Figure.rate(parserRate)) MB/s CPU, \(Figure.rate(Double(parsedItems) / parser.cpu)) items/s",
                reference: "≥ \(Figure.rate(0.7 * rawRate)) MB/s (70% of raw)",
                metrics: [
                    "mb_per_s": parserRate, "items_per_s": Double(parsedItems) / parser.cpu, "cpu_s": parser.cpu,
                    "wall_s": parser.wall, "items": Double(parsedItems), "items_expected": Double(items),
                    "failures": Double(failures),
                ],
                note: parsedItems == items && failures == 0
                    ? nil : "\(Figure.grouped(parsedItems)) of \(Figure.grouped(items)) items, \(failures) failed"))
        table.add(
            ResultRow(
                "parse", "FeedParser ÷ raw SAX pass",
                figure: "\(Figure.fixed(ratio * 100, 0))% (\(Figure.fixed(parserRate / pushRate * 100, 0))% of push)",
                reference: "goal ≥ 70%", metrics: ["ratio": ratio, "ratio_push": parserRate / pushRate]))
    }
}
