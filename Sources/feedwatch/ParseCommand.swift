import ArgumentParser
import FeedwatchDaemon

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a feed as feedwatch parses it.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A feed file or URL.")
    var source: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {}
}
