import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import FeedwatchStore
import Foundation

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alerts from the store, or show one in full.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alerts, newest first.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var selection: AlertSelection

        @Option(help: "Only alerts raised before this long ago, e.g. 1h.")
        var until: String?

        @Option(help: "Only alerts from this feed (feed id).")
        var feed: String?

        @Option(help: "Only alerts raised by this rule (rule id).")
        var rule: String?

        @Option(help: "Show at most this many alerts.")
        var limit = 50

        @Option(help: "table, json (alert-log lines) or csv.")
        var format: AlertListFormat = .table

        @Flag(help: "Same as --format json.")
        var json = false

        func run() async throws {
            let store = try openStore(options)
            exitQuietlyOnInterrupt()
            let filter = selection.filter
            var query = AlertQuery(
                since: selection.sinceDate,
                until: until.flatMap(Config.duration(from:)).map { Date().addingTimeInterval(-$0) },
                feed: feed, rule: rule, entity: selection.place.first ?? selection.group.first,
                limit: filter == AlertFilter() ? limit : nil, minSeverity: selection.minSeverity, newestFirst: true)
            if selection.place.count + selection.group.count > 1 { query.entity = nil }
            let alerts = try store.alerts(query).filter(filter.accepts).prefix(limit)
            print(
                AlertList.render(Array(alerts), as: json ? .json : format, color: isatty(STDOUT_FILENO) == 1),
                terminator: "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one alert in full, each match highlighted in its context.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The alert id, or a unique prefix of it (as `alerts` prints).")
        var id: String

        @Flag(help: "Print the alert-log line.")
        var json = false

        func run() async throws {
            let store = try openStore(options)
            let ids = try store.alertIDs(withPrefix: id, limit: 2)
            guard ids.count == 1, let alert = try store.alert(id: ids[0]) else {
                printError(
                    ids.isEmpty
                        ? "feedwatch: no alert \(id)" : "feedwatch: '\(id)' names several alerts; give more of the id")
                throw Exit.dataError
            }
            print(json ? AlertLine.encode(alert) : AlertDetail(color: isatty(STDOUT_FILENO) == 1).format(alert))
        }
    }
}

extension AlertListFormat: ExpressibleByArgument {}

/// The store, opened read-only so readers never get in the daemon's way.
func openStore(_ options: GlobalOptions) throws -> Store {
    let configuration = try options.loadConfiguration()
    let path = configuration.config.storePath
    guard FileManager.default.fileExists(atPath: path) else {
        printError("feedwatch: \(path): no store yet; run `feedwatch run --once` first")
        throw Exit.noInput
    }
    do {
        return try Store(path: path, readOnly: true)
    } catch {
        printError("feedwatch: \(path): \(error)")
        throw Exit.noInput
    }
}
