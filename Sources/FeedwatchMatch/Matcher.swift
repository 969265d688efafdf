import FeedwatchModel
import Foundation

/// A watchlist compiled for matching. Immutable and Sendable: a reload builds a new one
/// and swaps it in; work under way finishes with the one it started with.
public final class Matcher: Sendable {
    public let watchlist: Watchlist
    let compiled: CompiledWatchlist

    /// Compiles the watchlist. Throws the problems that make it unusable (errors from
    /// `diagnostics(in:)`: a rule that does not parse, an unknown id, a duplicate id);
    /// warnings do not stop it.
    public init(watchlist: Watchlist) throws(MatcherError) {
        let errors = Self.errors(in: watchlist)
        if !errors.isEmpty { throw MatcherError(errors) }
        self.watchlist = watchlist
        self.compiled = CompiledWatchlist(watchlist)
    }

    /// Every place in the item where a watched entity is named, at the given time (aliases
    /// can have a validity period), in field order (title, summary, content, categories)
    /// and then by position.
    public func matches(in item: FeedItem, at date: Date = Date()) -> [Match] {
        found(in: item, at: date).map(\.match)
    }

    /// Every match in a bare text, reported as in the given field (for `feedwatch match --text`).
    public func matches(inText text: String, field: ItemField = .title, at date: Date = Date()) -> [Match] {
        let buffer = NormalizedText()
        return FieldScanner(compiled: compiled).scan(text, field: field, at: date, buffer: buffer).map(\.match)
    }

    /// The rules that fire on the item, each with the matches that made it fire.
    public func evaluate(_ item: FeedItem, at date: Date = Date()) -> [RuleHit] {
        let found = found(in: item, at: date)
        if found.isEmpty && !compiled.rules.contains(where: { Self.canFireWithoutMatches($0.expression) }) {
            return []
        }
        return compiled.hits(for: found)
    }

    /// How many alias and exclusion occurrences the text holds before filtering: normalization
    /// and the trie walk alone, for benchmarks.
    public func matchCount(in text: String) -> Int {
        let buffer = NormalizedText()
        return FieldScanner(compiled: compiled).candidateCount(text, buffer: buffer)
    }

    /// Aliases and exclusion phrases compiled into the trie, and its node count.
    public var patternCount: Int { compiled.patterns.count }
    public var trieNodeCount: Int { compiled.trie.nodeCount }

    func found(in item: FeedItem, at date: Date) -> [FoundMatch] {
        let scanner = FieldScanner(compiled: compiled)
        let buffer = NormalizedText()
        var result: [FoundMatch] = []
        for field in ItemField.allCases {
            guard let text = item.text(of: field), !text.isEmpty else { continue }
            result += scanner.scan(text, field: field, at: date, buffer: buffer)
        }
        return result
    }

    /// A rule like `not topic:sport` holds on an item with no match at all.
    private static func canFireWithoutMatches(_ expression: ResolvedExpression) -> Bool {
        switch expression {
        case .kind, .entity: false
        case .not: true
        case .and(let left, let right): canFireWithoutMatches(left) && canFireWithoutMatches(right)
        case .or(let left, let right): canFireWithoutMatches(left) || canFireWithoutMatches(right)
        }
    }
}

/// A watchlist that cannot be compiled, with every error found (never just the first).
public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
