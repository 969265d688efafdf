import FeedwatchTesting
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `feedwatch run` started the way systemd starts it: `NOTIFY_SOCKET` pointing at a
/// socket the test reads, and a `WATCHDOG_USEC` period. Killed when the value goes away, so a
/// failing test never leaves a daemon behind.
final class DaemonUnderSystemd {
    let receiver: DatagramReceiver
    let directory: TestDirectory
    private let process = Process()
    /// Every notification received so far, in order.
    private(set) var messages: [String] = []

    /// Writes `config` (by default, the seed RSS feed) beside a copy of the seeds and the shipped
    /// watchlists in a temporary directory, and starts the daemon on it.
    static let seedConfig = """
        feeds:
          - url: seeds/kirkuk-rss.xml
            id: seed-rss
            interval: 10m
            backfill: all
        watchlists: [watchlists/*.yaml]
        store: state/feedwatch.sqlite
        alert_log: state/alerts.jsonl
        """

    init(watchdog: Duration = .milliseconds(400), config: String = DaemonUnderSystemd.seedConfig) throws {
        receiver = try DatagramReceiver(.path)
        directory = try TestDirectory()
        try directory.copy(fromRepository: "seeds")
        try directory.copy(fromRepository: "Config/watchlists", to: "watchlists")
        try directory.write("feedwatch.yaml", config)
        process.executableURL = URL(fileURLWithPath: FeedwatchProcess.executable)
        process.arguments = ["run", "--config", directory.path + "/feedwatch.yaml"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "JOURNAL_STREAM")
        environment.removeValue(forKey: "WATCHDOG_PID")
        environment["NOTIFY_SOCKET"] = receiver.notifyAddress
        let (seconds, attoseconds) = watchdog.components
        environment["WATCHDOG_USEC"] = String(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        environment["HOME"] = directory.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: directory.path + "/stderr.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: directory.path + "/stderr.log")
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// What the daemon wrote to stderr, for failure messages.
    var stderr: String {
        (try? String(contentsOfFile: directory.path + "/stderr.log", encoding: .utf8)) ?? ""
    }

    /// Reads notifications until one satisfies `predicate`; returns it, or nil after `timeout`.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(30), _ predicate: (String) -> Bool) -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let message = receiver.receive(timeout: min(deadline - ContinuousClock.now, .seconds(1))) else {
                continue
            }
            messages.append(message)
            if predicate(message) { return message }
        }
        return nil
    }

    /// Every notification that arrives during `window`.
    func collect(for window: Duration) -> [String] {
        var collected: [String] = []
        let deadline = ContinuousClock.now + window
        while ContinuousClock.now < deadline {
            if let message = receiver.receive(timeout: deadline - ContinuousClock.now) {
                messages.append(message)
                collected.append(message)
            }
        }
        return collected
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    var isRunning: Bool { process.isRunning }

    /// The exit status once the process ends within `timeout`, else nil.
    func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension String {
    /// The `KEY=VALUE` lines of a notification, as a dictionary.
    var assignments: [String: String] {
        var result: [String: String] = [:]
        for line in split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }
}
