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
    private let metrics: Metrics
    private let store: Store
    private var generation = 1
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let onAlert: @Sendable (Alert) -> Void
    /// True when `--log-level` was given: a reload then keeps it instead of the config's `log_level`.
    private let keepsLogLevel: Bool
    private let mailbox = Mailbox()
    /// The store's lock, held for as long as the daemon lives.
    private let stateLock: StateLock
    private var schedules: [String: FeedSchedule] = [:]
    private var random = SystemRandomNumberGenerator()
    private var failing: Set<String> = []
    /// Feeds a `feed_health` event was written for, until they succeed again.
    private var reportedUnhealthy: Set<String> = []
    private var firstFailure: [String: Date] = [:]
    private var lastPrune = Date.distantPast
    private var alertsToday = 0
    private var lastAlert: Date?

    /// How long a stop waits for the cycle in flight before giving up on it.
    static let stopGrace: Duration = .seconds(10)

    public init(
        configPath: String, configuration: Configuration, services: Services,
        notifier: SystemdNotifier = SystemdNotifier(), logger: Logger, keepsLogLevel: Bool = false,
        onAlert: @escaping @Sendable (Alert) -> Void = { _ in }
    ) {
        self.keepsLogLevel = keepsLogLevel
        self.configPath = configPath
        self.configuration = configuration
        self.pipeline = services.pipeline
        self.alertLog = services.alertLog
        self.metrics = services.metrics
        self.store = services.store
        self.stateLock = services.lock
        self.notifier = notifier
        self.logger = logger
        self.onAlert = onAlert
    }

    /// Runs until SIGTERM or SIGINT. Returns the signal that stopped it.
    @discardableResult
    public func run() async -> Int32 {
        let signals = SignalSource(posting: mailbox)
        defer { withExtendedLifetime(signals) {} }
        resumeSchedules(at: Date())
        notifier.ready()
        notifier.status("started: \(configuration.summary)")
        writeMetrics()  // the metrics file appears at start, not only after the first cycle
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

    /// Feeds whose time has come (their schedules now say "fetching"), or nil when none is due.
    private func dueFeeds(at now: Date) -> [FeedSource]? {
        let due = configuration.config.feeds.filter { feed in
            guard var schedule = schedules[feed.id] else { return false }
            defer { schedules[feed.id] = schedule }
            return schedule.event(.tick, now: now, using: &random) == .fetch
        }
        return due.isEmpty ? nil : due
    }

    /// A schedule per feed, resumed from the store so a restart neither hammers nor forgets backoffs.
    private func resumeSchedules(at now: Date) {
        let policy = configuration.config.schedule
        let states = (try? store.feedStatesByID()) ?? [:]
        var fresh: [String: FeedSchedule] = [:]
        for feed in configuration.config.feeds {
            if var existing = schedules[feed.id] {
                _ = existing.event(.reconfigured(interval: feed.interval), now: now, using: &random)
                fresh[feed.id] = existing
            } else if let state = states[feed.id], state.url == feed.url, let due = state.nextDue {
                fresh[feed.id] = FeedSchedule(
                    interval: feed.interval, policy: policy, nextDue: min(due, now.addingTimeInterval(feed.interval)),
                    consecutiveFailures: state.consecutiveFailures)
            } else {
                fresh[feed.id] = FeedSchedule(interval: feed.interval, policy: policy, now: now)
            }
        }
        schedules = fresh
    }

    /// Sleep until the next feed is due, but wake often enough to feed the watchdog.
    private func waitTime(cycleRunning: Bool) -> Duration {
        var wait: Duration = .seconds(60)
        if let watchdog = notifier.watchdogInterval { wait = min(wait, watchdog / 2) }
        if !cycleRunning, let soonest = schedules.values.compactMap(\.nextDue).min() {
            let seconds = max(0.05, soonest.timeIntervalSinceNow)
            wait = min(wait, .milliseconds(Int64(seconds * 1000)))
        }
        return wait
    }

    private func finished(_ report: CycleReport) {
        let now = Date()
        let states = (try? store.feedStatesByID()) ?? [:]
        var changed: [FeedState] = []
        for (feedID, result) in report.scheduleResults {
            guard var schedule = schedules[feedID] else { continue }
            let action = schedule.event(.completed(result), now: now, using: &random)
            schedules[feedID] = schedule
            if case .disable(let reason) = action {
                logger.error("feed disabled", metadata: ["feed": "\(feedID)", "reason": "\(reason)"])
            }
            // The store shows when each feed is next due (`feedwatch feeds`).
            if var state = states[feedID], state.nextDue != schedule.nextDue {
                state.nextDue = schedule.nextDue
                changed.append(state)
            }
        }
        do {
            try store.saveFeedStates(changed)
        } catch {
            logger.warning("next due times not saved", metadata: ["error": "\(error)"])
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
        writeMetrics()
        reportHealth(report, at: now)
        pruneIfDue(at: now)
    }

    /// Writes a `feed_health` event once per failure episode of a feed failing for too long.
    private func reportHealth(_ report: CycleReport, at now: Date) {
        let failed = Set(report.failed.map(\.feed))
        for feed in report.scheduleResults.keys where !failed.contains(feed) {
            firstFailure[feed] = nil
            reportedUnhealthy.remove(feed)
        }
        var events: [FeedHealthEvent] = []
        for feed in failed {
            let since = firstFailure[feed] ?? now
            firstFailure[feed] = since
            guard !reportedUnhealthy.contains(feed), let state = try? store.feedState(feed) else { continue }
            let failingFor = now.timeIntervalSince(state.lastSuccess ?? since)
            guard failingFor >= configuration.config.feedHealthAfter else { continue }
            events.append(FeedHealthEvent(state: state, at: now))
            reportedUnhealthy.insert(feed)
            logger.error(
                "feed has been failing for too long", metadata: ["feed": "\(feed)", "status": "\(state.status)"])
        }
        guard !events.isEmpty else { return }
        do {
            try alertLog.append(events: events)
        } catch {
            logger.error("feed_health event not written", metadata: ["error": "\(error)"])
        }
    }

    /// Keeps the store bounded: old seen items and old logged alerts, at most once an hour.
    private func pruneIfDue(at now: Date) {
        guard now.timeIntervalSince(lastPrune) >= 3600 else { return }
        lastPrune = now
        let config = configuration.config
        do {
            let removed = try store.prune(
                itemsOlderThan: now.addingTimeInterval(-config.itemRetention),
                alertsOlderThan: now.addingTimeInterval(-config.alertRetention))
            if removed.items + removed.alerts > 0 {
                logger.info("store pruned", metadata: ["items": "\(removed.items)", "alerts": "\(removed.alerts)"])
            }
        } catch {
            logger.warning("store not pruned", metadata: ["error": "\(error)"])
        }
    }

    private func writeMetrics() {
        guard let path = configuration.config.metricsFile else { return }
        metrics.setFeeds(total: configuration.config.feeds.count, failing: failing.count)
        metrics.setWatchlistGeneration(generation)
        do {
            try metrics.write(to: path)
        } catch {
            logger.warning("metrics file not written", metadata: ["path": "\(path)", "error": "\(error)"])
        }
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
            let fresh = try Configuration.load(path: configPath, warnings: false)
            configuration = fresh
            resumeSchedules(at: Date())
            generation += 1
            if !keepsLogLevel, let level = FeedwatchLogging.parseLevel(fresh.config.logLevel) {
                FeedwatchLogging.setLevel(level)
            }
            writeMetrics()
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
