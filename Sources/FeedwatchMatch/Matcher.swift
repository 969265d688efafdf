import FeedwatchModel
import Foundation

/// A watchlist compiled for matching. Immutable and Sendable: a reload builds a new one
/// and swaps it in; work under way finishes with the one it started with.
public final class Matcher: Sendable {
    public let watchlist: Watchlist

    /// Compiles the watchlist. Throws the problems that make it unusable (a rule that does
    /// not parse, an unknown id); `problems(in:)` also lists the warnings.
    public init(watchlist: Watchlist) throws(MatcherError) {
        self.watchlist = watchlist
    }

    /// Every place in the item where a watched entity is named, at the given time (aliases
    /// can have a validity period).
    public func matches(in item: FeedItem, at date: Date = Date()) -> [Match] { [] }

    /// The rules that fire on the item, each with the matches that made it fire.
    public func evaluate(_ item: FeedItem, at date: Date = Date()) -> [RuleHit] { [] }

    /// A short plain-text excerpt around the hit's first match, for the alert.
    public func snippet(for hit: RuleHit, in item: FeedItem) -> String { item.title ?? "" }

    /// Everything wrong or doubtful in a watchlist, each at its file, line and column.
    public static func problems(in watchlist: Watchlist) -> [ConfigProblem] { [] }
}

public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
