import ArgumentParser
import FeedwatchDaemon

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
