import ArgumentParser
import FeedwatchDaemon

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Config file (default: /etc/feedwatch/feedwatch.yaml if it exists, else Config/feedwatch.yaml).")
    var config: String?

    @Option(name: .long, help: "Operational log level: trace, debug, info, notice, warning, error.")
    var logLevel: String?

    /// The config file this invocation uses.
    var configPath: String { ConfigLocator.resolve(explicit: config) }
}
