import FeedwatchFetch
import FeedwatchModel
import FeedwatchOutput
import FeedwatchStore
import Foundation
import Logging

/// The long-running service: runs each feed when it is due, reloads on SIGHUP, reopens the
/// alert log on SIGUSR1, stops on SIGTERM, and keeps systemd informed throughout.
public final class Daemon: @unchecked Sendable {
    private let configPath: String
    private var configuration: Configuration
    private let pipeline: Pipeline
    private let alertLog: AlertLog
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let onAlert: @Sendable (Alert) -> Void
    private let mailbox = Mailbox()
    private var nextDue: [String: Date] = [:]
    private var failing: Set<String> = []
    private var alertsToday = 0
    private var lastAlert: Date?

    /// How long a stop waits for the cycle in flight before giving up on it.
    static let stopGrace: Duration = .seconds(10)

    public init(
        configPath: String, configuration: Configuration, pipeline: Pipeline, alertLog: AlertLog,
        notifier: SystemdNotifier = SystemdNotifier(), logger: Logger,
        onAlert: @escaping @Sendable (Alert) -> Void = { _ in }
    ) {
        self.configPath = configPath
        self.configuration = configuration
        self.pipeline = pipeline
        self.alertLog = alertLog
        self.notifier = notifier
        self.logger = logger
        self.onAlert = onAlert
    }

    /// Runs until SIGTERM or SIGINT. Returns the signal that stopped it.
    @discardableResult
    public func run() async -> Int32 {
        let signals = SignalSource(posting: mailbox)
        defer { withExtendedLifetime(signals) {} }
        let now = Date()
        for feed in configuration.config.feeds { nextDue[feed.id] = now }
        notifier.ready()
        notifier.status("started: \(configuration.summary)")
        logger.info(
            "feedwatch started", metadata: ["config": "\(configPath)", "watchlist": "\(configuration.summary)"])

        var cycle: Task<Void, Never>?
        var stopSignal: Int32?
        while stopSignal == nil {
            if cycle == nil, let due = dueFeeds(at: Date()), !due.isEmpty {
                let configuration = self.configuration
                let pipeline = self.pipeline
                let mailbox = self.mailbox
                let onAlert = self.onAlert
                for feed in due { nextDue[feed.id] = nil }
                cycle = Task {
                    let report = await pipeline.run(due, with: configuration, onAlert: onAlert)
                    mailbox.post(.cycleFinished(report))
                }
            }
            notifier.watchdog()
            switch await mailbox.next(timeout: waitTime(cycleRunning: cycle != nil)) {
            case nil:
                continue
            case .cycleFinished(let report)?:
                cycle = nil
                finished(report)
            case .reload?:
                reload()
            case .reopenLogs?:
                reopenLogs()
            case .stop(let signal)?:
                stopSignal = signal
            }
        }

        notifier.stopping()
        logger.info("stopping", metadata: ["signal": "\(stopSignal ?? 0)"])
        if let cycle {
            cycle.cancel()
            await waitForCycle(cycle)
        }
        pipeline.flushOutbox()
        return stopSignal ?? SIGTERM
    }

    /// Feeds whose time has come, or nil when none is due.
    private func dueFeeds(at now: Date) -> [FeedSource]? {
        let due = configuration.config.feeds.filter { feed in nextDue[feed.id].map { $0 <= now } ?? false }
        return due.isEmpty ? nil : due
    }

    /// Sleep until the next feed is due, but wake often enough to feed the watchdog.
    private func waitTime(cycleRunning: Bool) -> Duration {
        var wait: Duration = .seconds(60)
        if let watchdog = notifier.watchdogInterval { wait = min(wait, watchdog / 2) }
        if !cycleRunning, let soonest = nextDue.values.min() {
            let seconds = max(0.05, soonest.timeIntervalSinceNow)
            wait = min(wait, .milliseconds(Int64(seconds * 1000)))
        }
        return wait
    }

    private func finished(_ report: CycleReport) {
        let now = Date()
        for feed in configuration.config.feeds where nextDue[feed.id] == nil {
            // ±10% jitter keeps feeds that share an interval from firing in bursts.
            let jitter = Double.random(in: -0.1...0.1) * feed.interval
            nextDue[feed.id] = now.addingTimeInterval(feed.interval + jitter)
        }
        for (feed, _) in report.failed { failing.insert(feed) }
        let attempted = Set(report.failed.map(\.feed))
        failing = failing.filter { attempted.contains($0) || report.feeds == 0 }
        if let last = report.alerts.last {
            if let lastAlert, !Calendar.current.isDate(lastAlert, inSameDayAs: now) { alertsToday = 0 }
            alertsToday += report.alerts.count
            lastAlert = last.timestamp
        }
        let level: Logger.Level = report.failed.isEmpty && report.logError == nil ? .info : .warning
        logger.log(level: level, "cycle finished", metadata: ["summary": "\(report.summary)"])
        notifier.status(statusLine)
    }

    /// The one-line summary systemd shows in `systemctl status`.
    var statusLine: String {
        let last = lastAlert.map { "last alert \(ISO8601DateFormatter().string(from: $0))" } ?? "no alert yet"
        return
            "\(configuration.config.feeds.count) feeds, \(failing.count) failing, \(alertsToday) alerts today, \(last)"
    }

    private func reload() {
        notifier.reloading()
        defer { notifier.ready() }
        reopenLogs()
        do {
            let fresh = try Configuration.load(path: configPath)
            let known = Set(configuration.config.feeds.map(\.id))
            for feed in fresh.config.feeds where !known.contains(feed.id) { nextDue[feed.id] = Date() }
            let kept = Set(fresh.config.feeds.map(\.id))
            nextDue = nextDue.filter { kept.contains($0.key) }
            configuration = fresh
            logger.info("configuration reloaded", metadata: ["watchlist": "\(fresh.summary)"])
            notifier.status("reloaded: \(fresh.summary)")
        } catch {
            logger.error(
                "reload failed; the previous configuration stays in force",
                metadata: ["problems": "\(error.problems.map(\.description).joined(separator: "; "))"])
            notifier.status(
                "reload failed: \(error.problems.first?.description ?? "unknown problem"); previous configuration in force"
            )
        }
    }

    private func reopenLogs() {
        do {
            try alertLog.reopen()
        } catch {
            logger.error("alert log not reopened", metadata: ["path": "\(alertLog.path)", "error": "\(error)"])
        }
    }

    private func waitForCycle(_ cycle: Task<Void, Never>) async {
        let deadline = ContinuousClock.now + Self.stopGrace
        while ContinuousClock.now < deadline {
            if case .cycleFinished? = await mailbox.next(timeout: .milliseconds(200)) { return }
        }
        logger.warning("cycle did not finish within the stop grace period")
    }
}
