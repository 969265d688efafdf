import ArgumentParser
import FeedwatchDaemon

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
