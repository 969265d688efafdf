import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchParse
import Foundation

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Dry run: show which items would alert, under which rule, and why.",
        discussion: "Touches no state: nothing is stored, logged or marked seen.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A feed file or URL.")
    var source: String?

    @Option(help: "Match this text instead of a feed.")
    var text: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (source == nil) != (text == nil) else {
            throw ValidationError("Give a feed file or URL, or --text TEXT (one of the two).")
        }
    }

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let items: [FeedItem]
        if let text {
            items = [FeedItem(id: "text", title: text)]
        } else if let source {
            items = try await Self.items(from: source, configuration: configuration)
        } else {
            items = []
        }
        let matcher = configuration.matcher
        let now = Date()
        let results = items.map { item in
            MatchReport(item: item, matches: matcher.matches(in: item, at: now), hits: matcher.evaluate(item, at: now))
        }
        if json {
            print(MatchReport.json(results))
        } else {
            for result in results where !result.matches.isEmpty || text != nil { print(result.text) }
            let alerting = results.filter { !$0.hits.isEmpty }.count
            print("\(results.count) items, \(alerting) would alert")
        }
    }

    static func items(from source: String, configuration: Configuration) async throws -> [FeedItem] {
        do {
            let document = try await DocumentSource.load(source, limits: configuration.config.fetch)
            return try FeedParser.parse(document.bytes, url: document.url, charset: document.charset).items
        } catch let error as DocumentSourceError {
            printError("feedwatch: \(error)")
            throw error.notFound ? Exit.noInput : Exit.unavailable
        } catch {
            printError("feedwatch: \(source): \(error)")
            throw Exit.dataError
        }
    }
}

/// What `match` found in one item.
struct MatchReport {
    var item: FeedItem
    var matches: [Match]
    var hits: [RuleHit]

    var text: String {
        var lines = ["\(item.title?.sanitized ?? "(untitled)")  [\(item.id.sanitized)]"]
        for hit in hits {
            lines.append("  ALERT \(hit.rule.severity.rawValue.uppercased()) rule \(hit.rule.id): \(hit.rule.when)")
            lines += hit.matches.map { "    " + Self.describe($0) }
        }
        if hits.isEmpty {
            lines.append("  no rule fires; matches:")
            lines += matches.map { "    " + Self.describe($0) }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ match: Match) -> String {
        "\(match.kind.rawValue) \(match.entity) (\(match.name.sanitized)): \"\(match.text.sanitized)\" "
            + "in \(match.field.rawValue) at \(match.start)..<\(match.end)"
    }

    static func json(_ reports: [MatchReport]) -> String {
        struct Rendered: Encodable {
            struct Hit: Encodable {
                var rule: String
                var severity: Severity
                var when: String
                var matches: [Match]
            }
            var id: String
            var title: String?
            var alerts: [Hit]
            var matches: [Match]
        }
        let rendered = reports.map { report in
            Rendered(
                id: report.item.id, title: report.item.title,
                alerts: report.hits.map {
                    Rendered.Hit(rule: $0.rule.id, severity: $0.rule.severity, when: $0.rule.when, matches: $0.matches)
                },
                matches: report.matches)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["items": rendered])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
