import FeedwatchModel
import Foundation

/// The append-only JSON-lines alert log.
public final class AlertLog: @unchecked Sendable {
    public let path: String

    public init(path: String) throws {
        self.path = path
    }

    /// Appends one line per alert, then fsyncs.
    public func append(_ alerts: [Alert]) throws {}

    /// Closes and reopens the file (after logrotate moved it).
    public func reopen() throws {}
}

public enum AlertLine {
    /// One alert as one line of JSON, without the newline.
    public static func encode(_ alert: Alert) -> String { "" }
    public static func decode(_ line: some StringProtocol) -> Alert? { nil }
}
