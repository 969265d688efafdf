import FeedwatchMatch
import FeedwatchModel
import Foundation

/// A loaded, validated and compiled configuration: what a cycle runs with. A reload builds
/// a new one and swaps it in whole; a failed reload leaves the old one in force.
public struct Configuration: Sendable {
    public let config: Config
    public let watchlist: Watchlist
    public let matcher: Matcher
    /// Doubtful but usable things (a very short alias, say): printed by `check`, logged at start.
    public let warnings: [ConfigProblem]

    /// Loads the config file and every watchlist it names, and compiles the watchlist.
    /// Throws every problem found, each at its file, line and column. `warnings: false` skips
    /// the doubtful-but-usable checks (a reload does: they were shown by `check` and at start).
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment, warnings: Bool = true
    ) throws(ConfigurationError) -> Configuration {
        let (config, configProblems) = ConfigLoader.load(path: path, environment: environment)
        guard let config else { throw ConfigurationError(problems: configProblems) }
        let (watchlist, watchlistProblems) = WatchlistLoader.load(files: config.watchlistFiles)
        let checkWarnings = warnings ? Matcher.warnings(in: watchlist) : []
        let readErrors = configProblems + watchlistProblems
        guard readErrors.isEmpty else {
            // The matcher's errors too, so that one `check` lists every problem.
            throw ConfigurationError(problems: readErrors + Matcher.errors(in: watchlist), warnings: checkWarnings)
        }
        do {
            // The matcher runs the error checks itself and throws what they find.
            let matcher = try Matcher(watchlist: watchlist)
            return Configuration(config: config, watchlist: watchlist, matcher: matcher, warnings: checkWarnings)
        } catch {
            throw ConfigurationError(problems: error.problems, warnings: checkWarnings)
        }
    }

    /// One line for `check` and the start-up log.
    public var summary: String {
        let w = watchlist
        return "\(config.feeds.count) feeds, \(w.count(of: .place)) places, \(w.count(of: .group)) groups, "
            + "\(w.count(of: .topic)) topics, \(w.aliasCount) aliases, \(w.rules.count) rules "
            + "(\(config.watchlistFiles.count) watchlist files)"
    }
}

/// Every problem that stops a configuration from loading.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]
    public var warnings: [ConfigProblem] = []

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
