import FeedwatchModel
import Foundation

/// A watchlist compiled for matching. Immutable and Sendable: a reload builds a new one
/// and swaps it in; work under way finishes with the one it started with.
///
/// What counts as a match:
/// - Aliases and item text share one normal form (`TextNormalizer`): case, diacritics,
///   compatibility forms, apostrophe/hyphen/space variants, invisible characters and
///   Arabic-script letter variants are folded. An entity's display name is an alias too.
/// - A match starts at a word start and, unless the alias is `.prefix`, ends at a word end,
///   in any script ("ISIS" is not in "crisis"; "Mosul" is in "Mosul's" and "(Mosul)").
///   Scripts written without spaces (Han, kana, Thai…) need no boundary.
/// - Arabic-script aliases may follow the proclitics و ف ب ك ل and the article ال (والموصل,
///   بالموصل, للموصل); an Arabic alias written with ال needs an article before it.
/// - A case-sensitive alias ("IS") must also match in case, after the other folds.
/// - An alias with a validity period counts only when the date is inside it.
/// - A match inside an occurrence of one of its entity's exclusions or of a global exclusion
///   is dropped ("Kirkuk FC"); so is a match inside a longer match (of another entity, or the
///   same entity). Two entities claiming the same alias both match (`problems` warns).
/// - Offsets are Unicode scalar offsets into the original field text.
///
/// Rules: see `RuleExpression` for the syntax. A kind term holds if any match has that kind;
/// an entity term if a match is of that entity or of one inside it (its parent chain). With a
/// proximity condition, the terms not under `not` must hold within one sentence or within N
/// words of one field; terms under `not` look at the whole item. A hit lists the matches that
/// satisfy the rule's non-negated terms (within the qualifying windows).
///
/// Cost: one pass of normalization, then a trie walk from each word start, so the time per
/// byte barely depends on the number of aliases.
public final class Matcher: Sendable {
    public let watchlist: Watchlist
    let compiled: CompiledWatchlist
    /// Scratch buffers reused from call to call (and shared by the threads that use this matcher).
    let buffers = NormalizedTextPool()

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
        buffers.withBuffer { buffer in
            FieldScanner(compiled: compiled).scan(text, field: field, at: date, buffer: buffer).map(\.match)
        }
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
        buffers.withBuffer { buffer in FieldScanner(compiled: compiled).candidateCount(text, buffer: buffer) }
    }

    /// Aliases and exclusion phrases compiled into the trie, and its node count.
    public var patternCount: Int { compiled.patterns.count }
    public var trieNodeCount: Int { compiled.trie.nodeCount }

    func found(in item: FeedItem, at date: Date) -> [FoundMatch] {
        let scanner = FieldScanner(compiled: compiled)
        return buffers.withBuffer { buffer in
            var result: [FoundMatch] = []
            for field in ItemField.allCases {
                guard let text = item.text(of: field), !text.isEmpty else { continue }
                result += scanner.scan(text, field: field, at: date, buffer: buffer)
            }
            return result
        }
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
