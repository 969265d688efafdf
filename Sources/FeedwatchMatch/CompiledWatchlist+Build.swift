import FeedwatchModel
import Foundation

extension CompiledWatchlist {
    /// Compiles a watchlist already checked for errors. Unresolvable rule terms (which
    /// `Matcher.problems(in:)` reports as errors) make the rule never fire rather than crash.
    init(_ watchlist: Watchlist) {
        var indexByID: [String: Int32] = [:]
        for (index, entity) in watchlist.entities.enumerated() where indexByID[entity.id] == nil {
            indexByID[entity.id] = Int32(index)
        }
        entities = watchlist.entities.map { entity in
            var ancestors: [Int32] = []
            var next: String? = entity.id
            while let id = next, let index = indexByID[id], !ancestors.contains(index) {
                ancestors.append(index)
                next = watchlist.entities[Int(index)].parent
            }
            return Entity(id: entity.id, kind: entity.kind, name: entity.name, ancestors: ancestors)
        }

        var patterns: [Pattern] = []
        var keys: [[UInt32]] = []
        let buffer = NormalizedText()
        func add(_ text: String, role: Pattern.Role, alias: Alias?) {
            guard var key = Self.patternKey(text, buffer: buffer) else { return }
            let table = FoldTable.shared
            let isArabic = key.contains { Unicode.Scalar($0).map(ScalarFolding.isArabicScript) ?? false }
            var needsArticle = false
            if isArabic, key.count > 3, key[0] == 0x0627, key[1] == 0x0644, table.isWord(key[2]) {
                key.removeFirst(2)
                needsArticle = true
            }
            let last = key[key.count - 1]
            let lastUnspaced = Unicode.Scalar(last).map(ScalarFolding.isUnspacedScript) ?? false
            let pattern = Pattern(
                role: role,
                needsEndBoundary: alias?.boundary != .prefix && table.isWord(last) && !lastUnspaced,
                allowsProclitics: isArabic,
                needsArticle: needsArticle,
                caseSensitiveForm: alias?.caseSensitive == true
                    ? TextNormalizer.normalizePreservingCase(text) : nil,
                validFrom: alias?.validFrom,
                validUntil: alias?.validUntil
            )
            patterns.append(pattern)
            keys.append(key)
        }
        for (index, entity) in watchlist.entities.enumerated() {
            var aliases = entity.aliases
            // The display name is an alias too, unless it is listed already.
            if !entity.name.isEmpty, !aliases.contains(where: { $0.text == entity.name }) {
                aliases.insert(Alias(entity.name, location: entity.location), at: 0)
            }
            for alias in aliases { add(alias.text, role: .alias(entity: Int32(index)), alias: alias) }
            for phrase in entity.exclusions { add(phrase, role: .exclusion(entity: Int32(index)), alias: nil) }
        }
        for phrase in watchlist.exclusions { add(phrase, role: .exclusion(entity: nil), alias: nil) }

        self.patterns = patterns
        trie = AliasTrie(patterns: keys)
        hasArabicPatterns = patterns.contains(where: \.allowsProclitics)
        hasUnspacedPatterns = keys.contains { key in
            Unicode.Scalar(key[0]).map(ScalarFolding.isUnspacedScript) ?? false
        }
        needsPositions = watchlist.rules.contains { $0.proximity != nil }
        hasNonWordStarts = keys.contains { !FoldTable.shared.isWord($0[0]) }
        rules = watchlist.rules.compactMap { rule in
            guard let parsed = try? RuleExpression.parse(rule.when) else { return nil }
            return CompiledRule(rule: rule, expression: Self.resolve(parsed, indexByID: indexByID))
        }
    }

    /// The normalized scalars of an alias or phrase (line breaks as spaces), or nil if nothing is
    /// left. `buffer` is scratch space, reused from pattern to pattern.
    static func patternKey(_ text: String, buffer: NormalizedText) -> [UInt32]? {
        TextNormalizer.normalize(text, into: buffer)
        var count = buffer.count
        while count > 0, buffer.scalars[count - 1] == 0x20 || buffer.scalars[count - 1] == 0x0A { count -= 1 }
        guard count > 0 else { return nil }
        return UnsafeBufferPointer(start: buffer.scalars, count: count).map { $0 == 0x0A ? 0x20 : $0 }
    }

    private static func resolve(_ expression: RuleExpression, indexByID: [String: Int32]) -> ResolvedExpression {
        switch expression {
        case .kind(let kind): .kind(kind)
        // An unknown id is an error `problems(in:)` reports; here it matches nothing.
        case .entity(_, let id, _): .entity(indexByID[id] ?? -1)
        case .not(let inner): .not(resolve(inner, indexByID: indexByID))
        case .and(let left, let right): .and(resolve(left, indexByID: indexByID), resolve(right, indexByID: indexByID))
        case .or(let left, let right): .or(resolve(left, indexByID: indexByID), resolve(right, indexByID: indexByID))
        }
    }
}
