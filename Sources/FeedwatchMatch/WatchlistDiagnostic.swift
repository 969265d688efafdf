import FeedwatchModel

/// One finding of `Matcher.diagnostics(in:)`: an error (the watchlist cannot be used; start-up
/// and reload refuse it) or a warning (it works, but probably not as meant).
///
/// Errors: duplicate entity or rule ids, empty ids, a rule condition that does not parse, a
/// rule naming an unknown id or an id of another kind, an unknown parent id, a parent cycle.
/// Warnings: an entity with no name or aliases, an alias or phrase that normalizes to
/// nothing, an alias claimed by two entities, a short (≤ 2 letters) or common-word alias that
/// is not case-sensitive, an alias whose validity period is empty.
public struct WatchlistDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong and what to do about it, without the location or severity.
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// As a `ConfigProblem`, its message prefixed with "error: " or "warning: ", so that
    /// `FILE:LINE:COLUMN: error: …` reads like a compiler's.
    public var problem: ConfigProblem { ConfigProblem(location, "\(severity.rawValue): \(message)") }

    public var description: String { problem.description }
}
