import FeedwatchModel
import Foundation

/// One line of the alert log, by event type, for readers that show every kind of line.
public enum LogEvent: Sendable, Hashable {
    case alert(Alert)
    case update(AlertUpdate)
    /// Another event type (`feed_health`…), with its type and the line as it is.
    case other(type: String, line: String)

    /// The event on `line`, or nil when the line is not a JSON object with an `event_type`.
    public static func decode(_ line: some StringProtocol) -> LogEvent? {
        if let alert = AlertLine.decode(line) { return .alert(alert) }
        guard let type = AlertLine.eventType(of: line) else { return nil }
        if type == "alert_update", let update = AlertLine.decodeUpdate(line) { return .update(update) }
        return .other(type: type, line: String(line))
    }
}

extension AlertLine {
    /// The `alert_update` event on a line, or nil.
    public static func decodeUpdate(_ line: some StringProtocol) -> AlertUpdate? {
        guard let update = try? decoder.decode(AlertUpdate.self, from: Data(line.utf8)),
            update.eventType == "alert_update"
        else { return nil }
        return update
    }
}
