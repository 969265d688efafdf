import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import FeedwatchStore
import Foundation

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List alerts from the store, newest first.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Show at most this many alerts.")
    var limit = 50

    @Flag(help: "Print JSON lines.")
    var json = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let store: Store
        do {
            store = try Store(path: configuration.config.storePath)
        } catch {
            printError("feedwatch: \(configuration.config.storePath): \(error)")
            throw Exit.noInput
        }
        let formatter = AlertFormatter(color: isatty(STDOUT_FILENO) == 1)
        for alert in try store.alerts(AlertQuery(limit: limit)) {
            print(json ? AlertLine.encode(alert) : formatter.format(alert))
        }
    }
}
