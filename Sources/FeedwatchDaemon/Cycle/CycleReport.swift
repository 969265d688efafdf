import FeedwatchFetch
import FeedwatchModel
import Foundation

/// What one cycle did, for the summary line, sd_notify STATUS and the metrics.
public struct CycleReport: Sendable {
    public var feeds = 0
    public var fetched = 0
    public var notModified = 0
    public var failed: [(feed: String, error: String)] = []
    public var items = 0
    public var newItems = 0
    /// Alerts raised in this cycle, in the order they were committed.
    public var alerts: [Alert] = []
    /// Alerts committed but not written to the log (the log could not be written; they stay pending).
    public var logError: String?
    public var storeErrors: [(feed: String, error: String)] = []
    public var duration: TimeInterval = 0
    /// How each feed's fetch ended, for its schedule.
    public var scheduleResults: [String: FeedSchedule.Result] = [:]

    public init() {}

    public var summary: String {
        var line =
            "\(feeds) feeds: \(fetched) fetched, \(notModified) not modified, \(failed.count) failed; "
            + "\(items) items, \(newItems) new; \(alerts.count) alerts in \(String(format: "%.2f", duration)) s"
        if !storeErrors.isEmpty { line += "; \(storeErrors.count) feeds not stored" }
        if logError != nil { line += "; alert log not written" }
        return line
    }
}
