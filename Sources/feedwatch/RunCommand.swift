import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import Foundation

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon in the foreground.",
        discussion: """
            Fetches every feed when it is due, matches new items against the watchlists, and writes \
            each alert to the store and the alert log. SIGHUP reloads the configuration, SIGUSR1 \
            reopens the alert log, SIGTERM stops. With --once, fetches every feed once (due or not), \
            prints a line per new alert, and exits.
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Run one cycle over all feeds and exit.")
    var once = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let logger = options.makeLogger(configured: configuration.config.logLevel)
        for warning in configuration.warnings { logger.warning("\(warning.description)") }
        let services: Services
        do {
            services = try Services.open(configuration, logger: logger)
        } catch {
            printError("feedwatch: \(error)")
            throw Exit.cannotCreate
        }
        let formatter = AlertFormatter(color: isatty(STDOUT_FILENO) == 1)
        if once {
            let report = await services.pipeline.run(
                configuration.config.feeds, with: configuration,
                onAlert: { alert in
                    print(formatter.format(alert))
                })
            services.fetcher.shutdown()
            printError("feedwatch: \(report.summary)")
            for (feed, error) in report.failed { printError("feedwatch: feed \(feed): \(error)") }
            if report.logError != nil || !report.storeErrors.isEmpty { throw Exit.tempFail }
            return
        }
        // Under systemd, each alert also goes to the journal, at a priority that follows its severity.
        let plain = AlertFormatter(color: false)
        let daemon = Daemon(
            configPath: options.configPath, configuration: configuration, services: services, logger: logger,
            keepsLogLevel: options.logLevel != nil,
            onAlert: { alert in FeedwatchLogging.logAlert(alert, line: plain.summary(alert)) })
        await daemon.run()
        services.fetcher.shutdown()
    }
}
