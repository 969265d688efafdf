import FeedwatchModel
import Foundation
import Logging

/// Process-wide set-up of operational logging, and the alert summary lines on stderr.
public enum FeedwatchLogging {
    /// The level every bootstrapped handler follows; `setLevel(_:)` changes it (for a reload).
    public static let level = LogLevelBox(.info)

    private static let state = BootstrapState()

    /// Installs `FeedwatchLogHandler` as the process's log handler, writing to stderr in journal
    /// format when stderr is systemd's journal stream and in plain format otherwise.
    ///
    /// Call once, early in `main` (before any `Logger` is made). Later calls only change the level,
    /// because swift-log allows one bootstrap per process.
    public static func bootstrap(
        level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.level.level = level
        let format = LogFormat.detect(environment: environment)
        guard state.claim(format: format) else { return }
        let box = self.level
        LoggingSystem.bootstrap { _ in FeedwatchLogHandler(format: format, level: box) }
    }

    /// Changes the level of every logger that did not set its own (for example after a reload).
    public static func setLevel(_ newLevel: Logger.Level) {
        level.level = newLevel
    }

    /// The format chosen at bootstrap (plain before it).
    public static var format: LogFormat { state.format }

    /// A level from config or `--log-level`: trace, debug, info, notice, warning (or warn), error,
    /// critical, in any case; nil for anything else.
    public static func parseLevel(_ text: String) -> Logger.Level? {
        let lowered = text.lowercased()
        return lowered == "warn" ? .warning : Logger.Level(rawValue: lowered)
    }

    /// Writes the one summary line for `alert` to stderr (see `AlertSummary`).
    public static func logAlert(_ alert: Alert, line: String, output: LogOutput = .standardError) {
        output.write(AlertSummary.render(alert, line: line, format: format))
    }
}

/// Remembers whether the one allowed bootstrap happened, and with which format.
private final class BootstrapState: @unchecked Sendable {
    // @unchecked: both fields are only touched under `lock`.
    private let lock = NSLock()
    private var done = false
    private var chosen = LogFormat.plain

    /// True for the first caller only.
    func claim(format: LogFormat) -> Bool {
        lock.withLock {
            guard !done else { return false }
            done = true
            chosen = format
            return true
        }
    }

    var format: LogFormat { lock.withLock { chosen } }
}
