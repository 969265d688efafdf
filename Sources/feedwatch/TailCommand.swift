import ArgumentParser
import FeedwatchDaemon

struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
