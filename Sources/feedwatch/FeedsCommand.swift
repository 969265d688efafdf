import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchStore
import Foundation

struct Feeds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show each configured feed and how its last fetch went.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let states: [String: FeedState]
        if FileManager.default.fileExists(atPath: configuration.config.storePath) {
            let store = try Store(path: configuration.config.storePath, readOnly: true)
            states = try store.feedStatesByID()
        } else {
            states = [:]
        }
        let rows = configuration.config.feeds.map { feed in
            states[feed.id].flatMap { $0.url == feed.url ? $0 : nil } ?? FeedState(feedID: feed.id, url: feed.url)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        let time: (Date?) -> String = { $0.map { ISO8601DateFormatter().string(from: $0) } ?? "-" }
        print(pad(["FEED", "STATUS", "FAILS", "ITEMS", "LAST SUCCESS", "NEXT DUE", "URL"]))
        for state in rows {
            print(
                pad([
                    state.feedID, state.status, "\(state.consecutiveFailures)", "\(state.itemCount)",
                    time(state.lastSuccess), time(state.nextDue), state.url,
                ]))
            if state.fetchURL != state.url { print("    moved permanently to \(state.fetchURL.sanitized)") }
            if let error = state.lastError { print("    \(error.sanitized)") }
        }
    }

    private func pad(_ columns: [String]) -> String {
        let widths = [16, 14, 5, 5, 20, 20, 0]
        return zip(columns, widths).map { text, width in
            let clean = text.sanitized
            return width == 0 ? clean : clean.padding(toLength: max(width, clean.count), withPad: " ", startingAt: 0)
        }.joined(separator: " ")
    }
}
