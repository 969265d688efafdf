import FeedwatchModel
import FeedwatchOutput
import FeedwatchStore
import Foundation

/// Alerts per second into the store and the alert log with the durability the daemon uses
/// (one transaction per feed, then the log append with its fsync, then the "logged" mark),
/// and the dedupe lookup's cost per item.
struct AlertsBenchmark {
    var feeds: [GeneratedFeed]
    /// Feeds used: enough for stable figures, few enough that fsync-bound batches stay short.
    var feedLimit = 500

    private struct Batch {
        var feed: String
        var seen: [SeenItem]
        var alerts: [Alert]
    }

    func run(into table: ResultTable) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-bench-alerts-\(getpid())"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let store = try Store(path: directory + "/feedwatch.sqlite")
            let log = try AlertLog(path: directory + "/alerts.jsonl")
            let chosen = Array(feeds.prefix(feedLimit))

            // A cycle as the daemon sees it: every item seen, the few alerting ones alerted.
            let cycle = chosen.map { batch(for: $0, allAlert: false) }
            try measure(
                "per-feed batches (\(chosen.first?.items.count ?? 0) items, ≈5% alerting)", cycle, store, log, table)

            // An alert storm: every item alerts, so the figure is bounded by the alert path itself.
            let storm = chosen.prefix(100).map { batch(for: $0, allAlert: true) }
            try measure("alert storm (every item alerts)", Array(storm), store, log, table)

            // Dedupe: the lookup the daemon does before matching, over feeds already recorded.
            var items = 0
            var found = 0
            let lookup = try Measure.best(of: 3) {
                items = 0
                found = 0
                for batch in cycle {
                    let seen = try store.seenItems(feed: batch.feed, ids: batch.seen.map(\.itemID))
                    items += batch.seen.count
                    found += seen.count
                }
            }
            table.add(
                ResultRow(
                    "alerts", "dedupe lookup (Store.seenItems, \(batchSize(cycle)) ids per call)",
                    figure: "\(Figure.fixed(lookup.wall / Double(max(1, items)) * 1e6, 2)) µs per item wall, "
                        + "\(Figure.fixed(lookup.cpu / Double(max(1, items)) * 1e6, 2)) µs CPU",
                    metrics: [
                        "us_per_item_wall": lookup.wall / Double(max(1, items)) * 1e6,
                        "us_per_item_cpu": lookup.cpu / Double(max(1, items)) * 1e6,
                        "items": Double(items), "found": Double(found),
                    ],
                    note: found == items ? nil : "\(Figure.grouped(found)) of \(Figure.grouped(items)) found"))
        } catch {
            table.add(ResultRow("alerts", "store + log", figure: "n/a (\(error))"))
        }
    }

    private func batchSize(_ batches: [Batch]) -> Int { batches.first?.seen.count ?? 0 }

    private func measure(
        _ what: String, _ batches: [Batch], _ store: Store, _ log: AlertLog, _ table: ResultTable
    ) throws {
        var committed = 0
        let sample = try Measure.once {
            for batch in batches {
                let new = try store.commit(feed: batch.feed, seen: batch.seen, alerts: batch.alerts)
                try log.append(new)
                try store.markLogged(new.map(\.alertID))
                committed += new.count
            }
        }
        let alerts = batches.reduce(0) { $0 + $1.alerts.count }
        let items = batches.reduce(0) { $0 + $1.seen.count }
        table.add(
            ResultRow(
                "alerts", "store.commit + log.append (fsync) + markLogged, \(what)",
                figure:
                    "\(Figure.rate(Double(alerts) / sample.wall)) alerts/s, \(Figure.rate(Double(items) / sample.wall)) "
                    + "items/s, \(Figure.fixed(sample.wall / Double(max(1, batches.count)) * 1000, 2)) ms per batch",
                metrics: [
                    "alerts_per_s": Double(alerts) / sample.wall, "items_per_s": Double(items) / sample.wall,
                    "batches": Double(batches.count), "alerts": Double(alerts), "committed": Double(committed),
                    "wall_s": sample.wall, "cpu_s": sample.cpu,
                ],
                note: committed == alerts ? nil : "\(committed) of \(alerts) alerts committed as new"))
    }

    private func batch(for feed: GeneratedFeed, allAlert: Bool) -> Batch {
        let feedID = (allAlert ? "storm-" : "bench-") + pad(feed.index, 5)
        let feedRef = Alert.FeedRef(id: feedID, url: "http://127.0.0.1\(feed.path)")
        var seen: [SeenItem] = []
        var alerts: [Alert] = []
        for item in feed.items {
            let published = Date(timeIntervalSince1970: TimeInterval(item.published))
            seen.append(
                SeenItem(
                    itemID: item.guid, contentHash: SHA256.hex(of: Array((item.title + item.plainSummary).utf8)),
                    published: published))
            guard allAlert || item.alerts else { continue }
            let matches = [
                Match(kind: .place, entity: "kirkuk", name: "Kirkuk", text: "Kirkuk", field: .title, start: 0, end: 6),
                Match(
                    kind: .group, entity: "islamic-state", name: "Islamic State", text: "Daesh", field: .summary,
                    start: 40, end: 45),
            ]
            alerts.append(
                Alert(
                    timestamp: Date(), alertID: Alert.id(feed: feedID, item: item.guid, rule: BenchWatchlists.rule.id),
                    severity: .high, rule: BenchWatchlists.rule.id, feed: feedRef,
                    item: Alert.ItemRef(id: item.guid, title: item.title, link: item.link, published: published),
                    matches: matches, snippet: String(item.plainSummary.prefix(160))))
        }
        return Batch(feed: feedID, seen: seen, alerts: alerts)
    }
}
