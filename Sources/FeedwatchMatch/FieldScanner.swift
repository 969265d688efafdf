import FeedwatchModel
import Foundation

/// One entity match in one field, with what the rules need beside the public `Match`.
struct FoundMatch: Sendable {
    var entity: Int32
    var match: Match
    /// Position in normalized text, to relate matches to exclusions, sentences and words.
    var normalizedStart: Int
    var normalizedEnd: Int
    /// Sentence and word number of the start in its field (for proximity).
    var sentence = 0
    var word = 0
}

/// Finds every match in one field's text: normalize, walk the trie from each word start,
/// then apply boundaries, case, validity, exclusions, and map back to original offsets.
struct FieldScanner {
    let compiled: CompiledWatchlist

    /// A pattern occurrence in normalized text, before filtering.
    struct Candidate {
        var pattern: Int32
        var start: Int
        var end: Int
    }

    /// Arabic proclitic sequences that may precede an Arabic-script alias at a word start:
    /// (و|ف)? (ب|ك|ل)? (ال)?, and (و|ف)? لل (لِـ + ال with the alef dropped). The flag says
    /// whether the sequence ends in the article, and how many of its letters belong to it.
    static let proclitics: [(scalars: [UInt32], articleLength: Int)] = {
        var out: [([UInt32], Int)] = []
        for conjunction: [UInt32] in [[], [0x0648], [0x0641]] {
            for preposition: [UInt32] in [[], [0x0628], [0x0643], [0x0644]] {
                out.append((conjunction + preposition + [0x0627, 0x0644], 2))
                if !(conjunction.isEmpty && preposition.isEmpty) { out.append((conjunction + preposition, 0)) }
            }
            out.append((conjunction + [0x0644, 0x0644], 1))
        }
        return out
    }()

    func scan(_ text: String, field: ItemField, at date: Date, buffer: inout NormalizedText) -> [FoundMatch] {
        TextNormalizer.normalize(text, into: &buffer)
        let candidates = findCandidates(in: buffer)
        if candidates.isEmpty { return [] }
        return resolve(candidates, text: text, field: field, at: date, normalized: buffer)
    }

    /// Counts raw pattern occurrences (before exclusions and case checks): for benchmarks.
    func candidateCount(_ text: String, buffer: inout NormalizedText) -> Int {
        TextNormalizer.normalize(text, into: &buffer)
        return findCandidates(in: buffer).count
    }

    private func findCandidates(in normalized: NormalizedText) -> [Candidate] {
        let trie = compiled.trie
        let table = FoldTable.shared
        let checkArabic = compiled.hasArabicPatterns
        let checkUnspaced = compiled.hasUnspacedPatterns
        var candidates: [Candidate] = []
        normalized.scalars.withUnsafeBufferPointer { scalars in
            let count = scalars.count
            // One walk from `start` with `prefixLength` proclitic letters before it.
            func walk(from start: Int, prefixLength: Int, articleLength: Int) {
                var node = AliasTrie.root
                var index = start
                while index < count {
                    let label = trie.classes[scalars[index]]
                    if label == 0 { return }
                    node = trie.child(of: node, label)
                    if node < 0 { return }
                    index += 1
                    guard trie.hasTerminals(at: node) else { continue }
                    for patternIndex in trie.terminals(at: node) {
                        let pattern = compiled.patterns[Int(patternIndex)]
                        if prefixLength > 0 && !pattern.allowsProclitics { continue }
                        if pattern.needsArticle && articleLength == 0 { continue }
                        if pattern.needsEndBoundary && index < count && table.isWord(scalars[index]) { continue }
                        // An alias stored without its article is reported with it.
                        let reported = pattern.needsArticle ? start - articleLength : start
                        candidates.append(Candidate(pattern: patternIndex, start: reported, end: index))
                    }
                }
            }
            var previousIsWord = false
            var position = 0
            while position < count {
                let value = scalars[position]
                let isWord = value < 0x80 ? FoldTable.asciiWord[Int(value)] : table.isWord(value)
                if !previousIsWord {
                    walk(from: position, prefixLength: 0, articleLength: 0)
                    if checkArabic, value >= 0x0627, value <= 0x0648 {
                        walkAfterProclitics(at: position, in: scalars, walk: walk)
                    }
                } else if checkUnspaced, value >= 0x0E00, let scalar = Unicode.Scalar(value),
                    ScalarFolding.isUnspacedScript(scalar)
                {
                    walk(from: position, prefixLength: 0, articleLength: 0)
                }
                previousIsWord = isWord
                position += 1
            }
        }
        return candidates
    }

    private func walkAfterProclitics(
        at position: Int, in scalars: UnsafeBufferPointer<UInt32>,
        walk: (Int, Int, Int) -> Void
    ) {
        let table = FoldTable.shared
        for proclitic in Self.proclitics {
            let length = proclitic.scalars.count
            let start = position + length
            guard start < scalars.count, table.isWord(scalars[start]) else { continue }
            var same = true
            for offset in 0..<length where scalars[position + offset] != proclitic.scalars[offset] {
                same = false
                break
            }
            if same { walk(start, length, proclitic.articleLength) }
        }
    }
}
