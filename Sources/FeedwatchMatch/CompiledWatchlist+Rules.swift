import FeedwatchModel

extension CompiledWatchlist {
    /// The rules that fire given an item's matches, each with the matches that made it fire.
    ///
    /// Without proximity a rule is evaluated over the whole item. With proximity it fires if
    /// some window (a sentence, or N words from a match, within one field) satisfies it; terms
    /// under `not` still look at the whole item, so `place and not topic:sport` stays quiet
    /// on a sports story even if the sport is named in another sentence.
    func hits(for found: [FoundMatch]) -> [RuleHit] {
        rules.compactMap { compiled in
            let windows = self.windows(for: compiled.rule.proximity, in: found)
            var selected = Set<Int>()
            var fired = false
            for window in windows {
                let members = window.map { found[$0] }
                guard evaluate(compiled.expression, window: members, all: found, positive: true) else { continue }
                fired = true
                for index in window where isRelevant(found[index], to: compiled.expression, positive: true) {
                    selected.insert(index)
                }
            }
            guard fired else { return nil }
            return RuleHit(rule: compiled.rule, matches: selected.sorted().map { found[$0].match })
        }
    }

    /// Index sets of `found` to evaluate a rule on, one per window.
    private func windows(for proximity: Rule.Proximity?, in found: [FoundMatch]) -> [[Int]] {
        switch proximity {
        case nil:
            return [Array(found.indices)]
        case .sameSentence:
            var groups: [String: [Int]] = [:]
            var keys: [String] = []
            for (index, match) in found.enumerated() {
                let key = "\(match.match.field.rawValue)#\(match.sentence)"
                if groups[key] == nil { keys.append(key) }
                groups[key, default: []].append(index)
            }
            return keys.compactMap { groups[$0] }
        case .words(let distance):
            return found.indices.map { anchor in
                found.indices.filter { index in
                    found[index].match.field == found[anchor].match.field
                        && found[index].word >= found[anchor].word
                        && found[index].word <= found[anchor].word + max(0, distance)
                }
            }
        }
    }

    private func evaluate(
        _ expression: ResolvedExpression, window: [FoundMatch], all: [FoundMatch], positive: Bool
    ) -> Bool {
        switch expression {
        case .kind, .entity:
            return (positive ? window : all).contains { satisfies(expression, $0) }
        case .not(let inner):
            return !evaluate(inner, window: window, all: all, positive: !positive)
        case .and(let left, let right):
            return evaluate(left, window: window, all: all, positive: positive)
                && evaluate(right, window: window, all: all, positive: positive)
        case .or(let left, let right):
            return evaluate(left, window: window, all: all, positive: positive)
                || evaluate(right, window: window, all: all, positive: positive)
        }
    }

    /// Whether the match satisfies some term of the rule that is not negated.
    private func isRelevant(_ found: FoundMatch, to expression: ResolvedExpression, positive: Bool) -> Bool {
        switch expression {
        case .kind, .entity: positive && satisfies(expression, found)
        case .not(let inner): isRelevant(found, to: inner, positive: !positive)
        case .and(let left, let right), .or(let left, let right):
            isRelevant(found, to: left, positive: positive) || isRelevant(found, to: right, positive: positive)
        }
    }

    /// A term holds for a match of that kind, or of that entity or one inside it.
    private func satisfies(_ term: ResolvedExpression, _ found: FoundMatch) -> Bool {
        switch term {
        case .kind(let kind): entities[Int(found.entity)].kind == kind
        case .entity(let index): index >= 0 && entities[Int(found.entity)].ancestors.contains(index)
        default: false
        }
    }
}
