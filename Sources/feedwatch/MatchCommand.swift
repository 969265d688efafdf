import ArgumentParser
import FeedwatchDaemon

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match", abstract: "Not yet.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {}
}
