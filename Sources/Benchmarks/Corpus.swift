import FeedwatchModel
import Foundation

/// One feed document of the corpus at one version.
struct GeneratedFeed: Sendable {
    var index: Int
    var version: Int
    var format: FeedWriter.Format
    var bytes: [UInt8]
    var items: [CorpusItem]

    /// Alerts a correct `place and group` matcher raises on this version of the feed.
    var expectedAlerts: Int { items.lazy.filter(\.alerts).count }

    /// The path the loopback server serves it under.
    var path: String { Corpus.path(of: index) }
}

/// The deterministic corpus: N feeds × M items, RSS and Atom.
struct Corpus: Sendable {
    var generator: CorpusGenerator

    init(seed: UInt64, itemsPerFeed: Int, epoch: Int) {
        generator = CorpusGenerator(seed: seed, itemsPerFeed: itemsPerFeed, epoch: epoch)
    }

    static func path(of feed: Int) -> String { "/feeds/\(pad(feed, 5)).xml" }

    /// The feed at a version: version 0 is the first fetch; each later version has
    /// `itemsPerChange` new items on top and as many old ones gone.
    func feed(_ index: Int, version: Int = 0) -> GeneratedFeed {
        let items = generator.sequenceNumbers(version: version).map { generator.item(feed: index, sequence: $0) }
        let updated = items.map(\.published).max() ?? generator.epoch
        return GeneratedFeed(
            index: index, version: version, format: .of(feed: index),
            bytes: FeedWriter.document(feed: index, version: version, items: items, updated: updated), items: items)
    }

    /// Alerts a correct matcher raises on the items that are new in `version` compared with the one before.
    func newAlerts(in feed: GeneratedFeed) -> Int {
        guard feed.version > 0 else { return feed.expectedAlerts }
        return feed.items.prefix(generator.itemsPerChange).lazy.filter(\.alerts).count
    }

    func feeds(_ count: Int) -> [GeneratedFeed] { (0..<count).map { feed($0) } }

    /// Writes `feeds/NNNNN.xml` and a `manifest.tsv` (path, format, items, bytes, expected alerts).
    static func write(_ feeds: [GeneratedFeed], to directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/feeds", withIntermediateDirectories: true)
        var manifest = "path\tformat\titems\tbytes\texpected_alerts\n"
        for feed in feeds {
            try Data(feed.bytes).write(to: URL(fileURLWithPath: directory + feed.path))
            manifest += "\(feed.path)\t\(feed.format.rawValue)\t\(feed.items.count)\t\(feed.bytes.count)\t"
            manifest += "\(feed.expectedAlerts)\n"
        }
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: directory + "/manifest.tsv"))
    }
}

extension CorpusItem {
    /// The item as the parser should produce it, for benchmarks that must not depend on the parser.
    var feedItem: FeedItem {
        FeedItem(
            id: guid, title: title, link: link, published: Date(timeIntervalSince1970: TimeInterval(published)),
            authors: [author], categories: categories, summary: plainSummary, summaryHTML: html)
    }
}
