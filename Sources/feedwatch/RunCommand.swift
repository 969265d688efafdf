import ArgumentParser
import FeedwatchDaemon

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
