import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders one operational log line. Pure, so the format is tested without touching stderr.
public enum LogLine {
    /// One line, newline-terminated: `<N>message key=value…` for the journal,
    /// `TIMESTAMP LEVEL message key=value…` otherwise. Metadata keys are sorted; every piece of text
    /// is sanitized, so a feed title in a message cannot break the line or forge another one.
    public static func render(
        format: LogFormat, level: Logger.Level, message: String, metadata: Logger.Metadata,
        time: UTCTimestamp = .now()
    ) -> String {
        var line: String
        switch format {
        case .journal: line = level.syslogPriority.prefix
        case .plain: line = time.rfc3339Milliseconds + " " + level.label + " "
        }
        line += message.sanitized
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " " + key.sanitized + "=" + quoted(value.description.sanitized)
        }
        return line + "\n"
    }

    /// A value as `key=value` needs it: bare when it is one plain word, otherwise in double quotes
    /// with `"` and `\` escaped, so a line splits back into its fields unambiguously.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" })
        guard needsQuotes else { return value }
        var out = "\""
        for character in value {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}

extension Logger.Level {
    /// The upper-case name in plain lines, padded so messages line up.
    var label: String {
        switch self {
        case .trace: "TRACE "
        case .debug: "DEBUG "
        case .info: "INFO  "
        case .notice: "NOTICE"
        case .warning: "WARN  "
        case .error: "ERROR "
        case .critical: "CRIT  "
        }
    }
}

/// A wall-clock instant in whole microseconds since the Unix epoch, formatted without Foundation's
/// formatters (which are neither cheap nor, on every platform, thread-safe).
public struct UTCTimestamp: Sendable, Hashable {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public static func now() -> UTCTimestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UTCTimestamp(microsecondsSinceEpoch: Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1_000)
    }

    /// `2026-11-25T01:02:03.456Z`.
    public var rfc3339Milliseconds: String {
        var seconds = time_t(microsecondsSinceEpoch.floorDivided(by: 1_000_000))
        let millis = Int(microsecondsSinceEpoch - Int64(seconds) * 1_000_000) / 1_000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(millis, 3))Z"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
