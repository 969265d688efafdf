import ArgumentParser
import FeedwatchDaemon
import Foundation
import Logging

/// Exit statuses from sysexits.h, so init systems and scripts can tell failures apart.
enum Exit {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
    static let tempFail = ExitCode(75)
    static let config = ExitCode(78)
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension GlobalOptions {
    /// Loads the configuration or prints every problem and exits 78.
    func loadConfiguration() throws -> Configuration {
        do {
            return try Configuration.load(path: configPath)
        } catch {
            for problem in error.problems { printError(problem.description) }
            printError("feedwatch: \(error.problems.count) problem(s) in the configuration; nothing was started")
            throw Exit.config
        }
    }

    /// The operational logger: stderr (with syslog priority prefixes under systemd), level from
    /// --log-level, else the config, else info.
    func makeLogger(configured: String? = nil) -> Logger {
        let level = FeedwatchLogging.parseLevel(logLevel ?? configured ?? "info") ?? .info
        FeedwatchLogging.bootstrap(level: level)
        return Logger(label: "feedwatch")
    }
}
