import FeedwatchModel
import Logging

/// A syslog priority (RFC 5424 severity, 0 = emergency … 7 = debug), as journald reads it from a
/// `<N>` prefix on a line of a service's stderr.
public struct SyslogPriority: Sendable, Hashable, Comparable {
    public let value: Int

    public init(_ value: Int) {
        self.value = min(max(value, 0), 7)
    }

    /// The `<N>` line prefix journald understands (sd-daemon(3)).
    public var prefix: String { "<\(value)>" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

extension Logger.Level {
    /// The syslog priority of an operational log level.
    public var syslogPriority: SyslogPriority {
        switch self {
        case .trace, .debug: SyslogPriority(7)
        case .info: SyslogPriority(6)
        case .notice: SyslogPriority(5)
        case .warning: SyslogPriority(4)
        case .error: SyslogPriority(3)
        case .critical: SyslogPriority(2)
        }
    }
}

extension Severity {
    /// The syslog priority of an alert of this severity, so that
    /// `journalctl -u feedwatch -p warning` lists the medium, high and critical ones.
    public var syslogPriority: SyslogPriority {
        switch self {
        case .critical: SyslogPriority(2)
        case .high: SyslogPriority(3)
        case .medium: SyslogPriority(4)
        case .low: SyslogPriority(5)
        case .info: SyslogPriority(6)
        }
    }
}
