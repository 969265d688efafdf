import ArgumentParser
import FeedwatchDaemon

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the configuration and watchlists.",
        discussion: """
            Prints a summary and exits 0 when the configuration loads; otherwise prints every \
            problem as FILE:LINE:COLUMN: message and exits 78.
            """)

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        do {
            let configuration = try Configuration.load(path: options.configPath)
            for warning in configuration.warnings {
                print("\(warning.location): warning: \(warning.message)")
            }
            print("\(options.configPath): configuration OK: \(configuration.summary)")
            print("  store: \(configuration.config.storePath)")
            print("  alert log: \(configuration.config.alertLogPath)")
        } catch {
            for warning in error.warnings { print("\(warning.location): warning: \(warning.message)") }
            for problem in error.problems { print(problem.description) }
            print("\(options.configPath): \(error.problems.count) problem(s)")
            throw Exit.config
        }
    }
}
