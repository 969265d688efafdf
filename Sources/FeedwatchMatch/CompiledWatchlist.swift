import FeedwatchModel
import Foundation

/// A watchlist turned into what the scan needs: entity numbers with their ancestor chains,
/// one pattern per alias and exclusion phrase, one trie over all of them, and parsed rules.
struct CompiledWatchlist: Sendable {
    struct Entity: Sendable {
        var id: String
        var kind: EntityKind
        var name: String
        /// Itself first, then its parent, its parent's parent… (cycles cut).
        var ancestors: [Int32]
    }

    struct Pattern: Sendable {
        enum Role: Sendable, Equatable {
            case alias(entity: Int32)
            /// A phrase that cancels matches inside it: of one entity, or of all (`entity` nil).
            case exclusion(entity: Int32?)
        }

        var role: Role
        /// The end must be followed by a non-word character (not so for `.prefix` aliases,
        /// or aliases that end in punctuation or in a script written without spaces).
        var needsEndBoundary: Bool
        /// Arabic script: may follow the proclitics و ف ب ك ل and the article ال.
        var allowsProclitics: Bool
        /// Stored without its leading ال, so it must follow an article (ال or the لل of لِـ + ال).
        var needsArticle: Bool
        /// For case-sensitive aliases: the alias in normal form without case folding.
        var caseSensitiveForm: [UInt32]?
        var validFrom: Date?
        var validUntil: Date?

        func isValid(at date: Date) -> Bool {
            if let validFrom, date < validFrom { return false }
            if let validUntil, date > validUntil { return false }
            return true
        }
    }

    struct CompiledRule: Sendable {
        var rule: Rule
        var expression: ResolvedExpression
    }

    var entities: [Entity]
    var patterns: [Pattern]
    var trie: AliasTrie
    var rules: [CompiledRule]
    var hasArabicPatterns: Bool
    var hasUnspacedPatterns: Bool
    /// Some pattern starts with a non-word character ("#Kirkuk", "(IS)"): walks must start
    /// after every non-word character, not only at word starts.
    var hasNonWordStarts: Bool
    /// Some rule has a proximity condition, so matches need sentence and word numbers.
    var needsPositions: Bool
}

/// A rule condition with ids replaced by entity numbers.
indirect enum ResolvedExpression: Sendable {
    case kind(EntityKind)
    case entity(Int32)
    case not(ResolvedExpression)
    case and(ResolvedExpression, ResolvedExpression)
    case or(ResolvedExpression, ResolvedExpression)
}
