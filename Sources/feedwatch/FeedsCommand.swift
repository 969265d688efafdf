import ArgumentParser
import FeedwatchDaemon

struct Feeds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
