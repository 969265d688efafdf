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

    func scan(_ text: String, field: ItemField, at date: Date, buffer: NormalizedText) -> [FoundMatch] {
        TextNormalizer.normalize(text, into: buffer)
        let candidates = findCandidates(in: buffer)
        if candidates.isEmpty { return [] }
        return resolve(candidates, text: text, field: field, at: date, normalized: buffer)
    }

    /// Counts raw pattern occurrences (before exclusions and case checks): for benchmarks.
    func candidateCount(_ text: String, buffer: NormalizedText) -> Int {
        TextNormalizer.normalize(text, into: buffer)
        return findCandidates(in: buffer).count
    }

    private func findCandidates(in normalized: NormalizedText) -> [Candidate] {
        let table = FoldTable.shared
        let trie = compiled.trie
        let classes = trie.classes
        let checkArabic = compiled.hasArabicPatterns
        let checkUnspaced = compiled.hasUnspacedPatterns
        let scalars = normalized.scalars
        let count = normalized.count
        var candidates: [Candidate] = []
        if !checkUnspaced && !compiled.hasNonWordStarts {
            // The usual case: walk from the word starts the normalizer noted, nothing else.
            let starts = normalized.wordStarts
            for slot in 0..<normalized.wordStartCount {
                let position = Int(starts[slot])
                let value = scalars[position]
                if classes[value] != 0 {
                    walk(
                        from: position, articleLength: 0, proclitic: false, in: normalized, into: &candidates,
                        trie: trie, classes: classes, table: table)
                }
                if checkArabic, value >= 0x0627, value <= 0x0648 {
                    walkAfterProclitics(
                        at: position, in: normalized, into: &candidates, trie: trie, classes: classes, table: table)
                }
            }
            return candidates
        }
        // Slots below FoldTable.lowLimit are the scalar values themselves: one load, no branch more.
        let wordFlags = table.wordFlags
        var previousIsWord = false
        var position = 0
        while position < count {
            let value = scalars[position]
            let isWord = value < FoldTable.lowLimit ? wordFlags[Int(value)] : table.isWord(value)
            if !previousIsWord {
                // Most word starts begin with a letter no pattern starts with: one load, done.
                if classes[value] != 0 {
                    walk(
                        from: position, articleLength: 0, proclitic: false, in: normalized, into: &candidates,
                        trie: trie, classes: classes, table: table)
                }
                if checkArabic, value >= 0x0627, value <= 0x0648 {
                    walkAfterProclitics(
                        at: position, in: normalized, into: &candidates, trie: trie, classes: classes, table: table)
                }
            } else if checkUnspaced, value >= 0x0E00, let scalar = Unicode.Scalar(value),
                ScalarFolding.isUnspacedScript(scalar)
            {
                walk(
                    from: position, articleLength: 0, proclitic: false, in: normalized, into: &candidates, trie: trie,
                    classes: classes, table: table)
            }
            previousIsWord = isWord
            position += 1
        }
        return candidates
    }

    /// Follows the trie from `start` as far as the text goes, recording every pattern that
    /// ends at a valid place. `proclitic`: Arabic proclitic letters precede `start`, the last
    /// `articleLength` of them the article.
    ///
    /// The trie, its classes and the fold table come in as arguments so that a walk, which runs
    /// at nearly every word start, retains nothing.
    @inline(__always)
    private func walk(
        from start: Int, articleLength: Int, proclitic: Bool, in normalized: NormalizedText,
        into candidates: inout [Candidate], trie: AliasTrie, classes: ScalarClasses, table: FoldTable
    ) {
        let scalars = normalized.scalars
        let count = normalized.count
        var node = AliasTrie.root
        var index = start
        while index < count {
            let label = classes[scalars[index]]
            if label == 0 { return }
            node = trie.child(of: node, label)
            if node < 0 { return }
            index += 1
            if !trie.hasTerminals(at: node) { continue }
            for terminal in trie.terminals(at: node) {
                let patternIndex = trie.terminalPattern(terminal)
                let pattern = compiled.patterns[Int(patternIndex)]
                if proclitic && !pattern.allowsProclitics { continue }
                if pattern.needsArticle && articleLength == 0 { continue }
                if pattern.needsEndBoundary && index < count && table.isWord(scalars[index]) { continue }
                // An alias stored without its article is reported with it.
                let reported = pattern.needsArticle ? start - articleLength : start
                candidates.append(Candidate(pattern: patternIndex, start: reported, end: index))
            }
        }
    }

    /// Tries each way the word at `position` can start with proclitics: (و|ف)? (ب|ك|ل)? (ال)?
    /// or (و|ف)? لل, and walks from after each. Plain comparisons, no tables: it runs at every
    /// Arabic word start.
    private func walkAfterProclitics(
        at position: Int, in normalized: NormalizedText, into candidates: inout [Candidate],
        trie: AliasTrie, classes: ScalarClasses, table: FoldTable
    ) {
        let scalars = normalized.scalars
        let count = normalized.count
        @inline(__always) func at(_ index: Int) -> UInt32 { index < count ? scalars[index] : 0 }
        let alef: UInt32 = 0x0627
        let lam: UInt32 = 0x0644
        let first = at(position)
        let conjunctionLength = first == 0x0648 || first == 0x0641 ? 1 : 0
        for conjunction in 0...conjunctionLength {
            let afterConjunction = position + conjunction
            let letter = at(afterConjunction)
            let prepositionLength = letter == 0x0628 || letter == 0x0643 || letter == lam ? 1 : 0
            for preposition in 0...prepositionLength {
                let afterPreposition = afterConjunction + preposition
                // Up to three readings: proclitics alone, with ال, or with لل (length 0 = none).
                let bare = conjunction + preposition
                let withArticle = at(afterPreposition) == alef && at(afterPreposition + 1) == lam ? bare + 2 : 0
                let withLamLam =
                    preposition == 0 && at(afterConjunction) == lam && at(afterConjunction + 1) == lam
                    ? conjunction + 2 : 0
                for option in [(bare, 0), (withArticle, 2), (withLamLam, 1)] where option.0 > 0 {
                    let start = position + option.0
                    guard start < count, table.isWord(scalars[start]) else { continue }
                    walk(
                        from: start, articleLength: option.1, proclitic: true, in: normalized, into: &candidates,
                        trie: trie, classes: classes, table: table)
                }
            }
        }
    }
}
