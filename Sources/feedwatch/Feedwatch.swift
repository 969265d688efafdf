import ArgumentParser
import FeedwatchDaemon

@main
struct Feedwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watch RSS and Atom feeds for security incidents in watched places and groups.",
        version: FeedwatchVersion.string,
        subcommands: [
            Run.self, Check.self, Parse.self, MatchCommand.self, Tail.self, Alerts.self, Feeds.self,
        ]
    )
}
