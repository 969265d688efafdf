import FeedwatchModel
import Foundation

extension FieldScanner {
    /// Turns raw occurrences into matches: validity, exclusions, case-sensitive aliases,
    /// overlaps (a match inside a longer one is dropped), original offsets, and the sentence
    /// and word numbers proximity needs.
    func resolve(
        _ candidates: [Candidate], text: String, field: ItemField, at date: Date, normalized: NormalizedText
    ) -> [FoundMatch] {
        var exclusions: [(entity: Int32?, start: Int, end: Int)] = []
        var aliases: [(candidate: Candidate, entity: Int32)] = []
        for candidate in candidates {
            let pattern = compiled.patterns[Int(candidate.pattern)]
            switch pattern.role {
            case .exclusion(let entity): exclusions.append((entity, candidate.start, candidate.end))
            case .alias(let entity) where pattern.isValid(at: date): aliases.append((candidate, entity))
            case .alias: continue
            }
        }
        if aliases.isEmpty { return [] }
        let original = Array(text.unicodeScalars)
        var kept: [FoundMatch] = []
        for (candidate, entity) in aliases {
            let excluded = exclusions.contains { exclusion in
                (exclusion.entity == nil || exclusion.entity == entity) && exclusion.start <= candidate.start
                    && candidate.end <= exclusion.end
            }
            if excluded { continue }
            let range = originalRange(candidate.start, candidate.end, normalized: normalized, original: original)
            let matched = String(String.UnicodeScalarView(original[range]))
            let pattern = compiled.patterns[Int(candidate.pattern)]
            if let form = pattern.caseSensitiveForm, TextNormalizer.normalizePreservingCase(matched) != form {
                continue
            }
            let info = compiled.entities[Int(entity)]
            let match = Match(
                kind: info.kind, entity: info.id, name: info.name, text: matched, field: field,
                start: range.lowerBound, end: range.upperBound)
            kept.append(
                FoundMatch(entity: entity, match: match, normalizedStart: candidate.start, normalizedEnd: candidate.end)
            )
        }
        kept.sort {
            ($0.normalizedStart, $1.normalizedEnd, $0.entity) < ($1.normalizedStart, $0.normalizedEnd, $1.entity)
        }
        var result: [FoundMatch] = []
        for found in kept {
            let covered = result.contains { other in
                other.normalizedStart <= found.normalizedStart && found.normalizedEnd <= other.normalizedEnd
                    && (other.entity == found.entity
                        || other.normalizedEnd - other.normalizedStart > found.normalizedEnd - found.normalizedStart)
            }
            if !covered { result.append(found) }
        }
        // Sentence and word numbers cost a pass over the field: only proximity rules need them.
        if compiled.needsPositions { number(&result, in: normalized) }
        return result
    }

    /// The original scalar range of normalized `start..<end`, widened over combining marks
    /// that follow it (they were dropped by normalization but belong to the last letter).
    private func originalRange(
        _ start: Int, _ end: Int, normalized: NormalizedText, original: [Unicode.Scalar]
    ) -> Range<Int> {
        let lower = Int(normalized.origins[start])
        var upper = max(lower + 1, Int(normalized.origins[end - 1]) + 1)
        while upper < original.count {
            switch original[upper].properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                upper += 1
                continue
            default:
                break
            }
            if original[upper].value == 0x0640 {  // tatweel
                upper += 1
                continue
            }
            break
        }
        return lower..<min(upper, original.count)
    }

    /// Sets each match's sentence and word number. Sentences end at . ! ? ؟ ۔ 。 followed by
    /// a space or the end, and at line breaks.
    private func number(_ matches: inout [FoundMatch], in normalized: NormalizedText) {
        let order = matches.indices.sorted { matches[$0].normalizedStart < matches[$1].normalizedStart }
        let scalars = normalized.scalars
        let scalarCount = normalized.count
        let table = FoldTable.shared
        var sentence = 0
        var word = 0
        var previousIsWord = false
        var next = 0
        var position = 0
        while next < order.count, position < scalarCount {
            let value = scalars[position]
            let isWord = table.isWord(value)
            if isWord && !previousIsWord { word += 1 }
            while next < order.count, matches[order[next]].normalizedStart == position {
                matches[order[next]].sentence = sentence
                matches[order[next]].word = word
                next += 1
            }
            switch value {
            case 0x0A: sentence += 1
            case 0x2E, 0x21, 0x3F, 0x061F, 0x06D4, 0x3002:
                if position + 1 == scalarCount || scalars[position + 1] == 0x20 || scalars[position + 1] == 0x0A {
                    sentence += 1
                }
            default: break
            }
            previousIsWord = isWord
            position += 1
        }
    }
}
