import Foundation

/// The case-folding normalization of every scalar, precomputed, so that normalizing text
/// costs a table load per scalar instead of a Foundation call.
///
/// Entries cover U+0000–U+20FF (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac,
/// Thaana, Indic, punctuation) and U+FB00–U+FFFF (ligatures, Arabic presentation forms,
/// fullwidth forms); anything else goes through a small locked cache. The storage is raw
/// memory written once in `init` and only read afterwards, so the hot loop pays no
/// reference counting; that is what makes the `@unchecked Sendable` sound.
final class FoldTable: @unchecked Sendable {
    /// One entry per scalar: the folded scalar, `dropped`, or `sequenceFlag | count << 16 | index`.
    let entries: UnsafeMutablePointer<UInt32>
    let sequences: UnsafeMutablePointer<UInt32>
    /// Whether each scalar in the table's range is a word character.
    let wordFlags: UnsafeMutablePointer<Bool>
    /// ASCII folded: lower case, controls and hyphen to space, line breaks to `\n`, backtick to
    /// apostrophe (agrees with `ScalarFolding`); `asciiWordBit` set for word characters.
    let ascii: UnsafeMutablePointer<UInt32>
    /// The longest sequence any table scalar folds to.
    let longestSequence: Int
    private let overflow = OverflowCache()

    static let dropped: UInt32 = 0xFFFF_FFFF
    static let sequenceFlag: UInt32 = 0x8000_0000
    /// In a single-scalar entry: the folded scalar is a word character (saves a second lookup).
    static let wordBit: UInt32 = 0x4000_0000
    static let asciiWordBit: UInt32 = 0x100
    static let lowLimit: UInt32 = 0x2100
    static let highRange: Range<UInt32> = 0xFB00..<0x1_0000
    static let slotCount = Int(lowLimit) + highRange.count

    /// The one shared table, loaded on first use from the contents precomputed in
    /// FoldTable+Data.swift (deriving them from Unicode data takes 10,000 Foundation calls).
    static let shared = FoldTable(.precomputed)

    /// The slow way to the contents of every slot, from `ScalarFolding`: what
    /// scripts/generate-fold-table.sh writes to FoldTable+Data.swift, and what a test checks it against.
    static func derived() -> Contents {
        var contents = Contents(entries: [], sequences: [], wordFlags: [])
        for slot in 0..<slotCount {
            let value =
                slot < Int(lowLimit) ? UInt32(slot) : UInt32(slot - Int(lowLimit)) + highRange.lowerBound
            guard let scalar = Unicode.Scalar(value) else {
                contents.entries.append(value)
                contents.wordFlags.append(false)
                continue
            }
            contents.wordFlags.append(ScalarFolding.isWordCharacter(scalar))
            let folded = ScalarFolding.fold(scalar, foldCase: true)
            var entry = encode(folded, into: &contents.sequences)
            if entry & sequenceFlag == 0, ScalarFolding.isWordCharacter(folded[0]) { entry |= wordBit }
            contents.entries.append(entry)
        }
        return contents
    }

    private init(_ contents: Contents) {
        entries = .allocate(capacity: Self.slotCount)
        entries.initialize(from: contents.entries, count: Self.slotCount)
        wordFlags = .allocate(capacity: Self.slotCount)
        wordFlags.initialize(from: contents.wordFlags, count: Self.slotCount)
        sequences = .allocate(capacity: max(1, contents.sequences.count))
        sequences.initialize(from: contents.sequences, count: contents.sequences.count)
        longestSequence = contents.entries.reduce(1) { longest, entry in
            entry != Self.dropped && entry & Self.sequenceFlag != 0 ? max(longest, Int(entry >> 16 & 0x7FFF)) : longest
        }
        ascii = .allocate(capacity: 128)
        for value in 0..<128 {
            let entry = entries[value]
            // Every ASCII character folds to exactly one ASCII character.
            ascii[value] = entry == Self.dropped || entry & Self.sequenceFlag != 0 ? 0x20 : entry & ~Self.wordBit
            if ascii[value] < 0x80, wordFlags[Int(ascii[value])] { ascii[value] |= Self.asciiWordBit }
        }
    }

    static func encode(_ folded: [Unicode.Scalar], into sequences: inout [UInt32]) -> UInt32 {
        switch folded.count {
        case 0: return dropped
        case 1: return folded[0].value
        default:
            let index = UInt32(sequences.count)
            sequences.append(contentsOf: folded.map(\.value))
            return sequenceFlag | UInt32(folded.count) << 16 | index
        }
    }

    @inline(__always)
    static func slot(_ value: UInt32) -> Int? {
        if value < lowLimit { return Int(value) }
        if highRange.contains(value) { return Int(value - highRange.lowerBound) + Int(lowLimit) }
        return nil
    }

    /// The entry of a scalar inside the table (`slot` not nil).
    @inline(__always)
    func entry(atSlot slot: Int) -> UInt32 { entries[slot] }

    /// The folded form of a scalar outside the table.
    func overflowFold(_ value: UInt32) -> [UInt32] { overflow.fold(value) }

    /// Whether a folded scalar belongs to a word.
    @inline(__always)
    func isWord(_ value: UInt32) -> Bool {
        if let slot = Self.slot(value) { return wordFlags[slot] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return ScalarFolding.isWordCharacter(scalar)
    }
}

extension FoldTable {
    /// What the table holds, as plain arrays: one entry and one word flag per slot, and the
    /// sequences that entries point into.
    struct Contents: Equatable {
        var entries: [UInt32]
        var sequences: [UInt32]
        var wordFlags: [Bool]

        init(entries: [UInt32], sequences: [UInt32], wordFlags: [Bool]) {
            self.entries = entries
            self.sequences = sequences
            self.wordFlags = wordFlags
        }

        /// With the word flags packed 64 to a word, as FoldTable+Data.swift stores them.
        init(entries: [UInt32], sequences: [UInt32], wordBits: [UInt64]) {
            self.init(
                entries: entries, sequences: sequences,
                wordFlags: entries.indices.map { wordBits[$0 >> 6] >> UInt64($0 & 63) & 1 != 0 })
        }

        var wordBits: [UInt64] {
            var bits = [UInt64](repeating: 0, count: (wordFlags.count + 63) / 64)
            for (slot, flag) in wordFlags.enumerated() where flag { bits[slot >> 6] |= 1 << UInt64(slot & 63) }
            return bits
        }
    }
}

/// Folds of scalars outside the table (CJK, emoji, rare scripts), computed on first sight.
/// Locked because one table serves every matcher on every thread.
private final class OverflowCache: @unchecked Sendable {
    private let lock = NSLock()
    private var folds: [UInt32: [UInt32]] = [:]

    func fold(_ value: UInt32) -> [UInt32] {
        lock.lock()
        defer { lock.unlock() }
        if let folded = folds[value] { return folded }
        let folded = Unicode.Scalar(value).map { ScalarFolding.fold($0, foldCase: true).map(\.value) } ?? []
        folds[value] = folded
        return folded
    }
}
