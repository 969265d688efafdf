import Foundation

/// The case-folding normalization of every scalar, precomputed, so that normalizing text
/// costs a table load per scalar instead of a Foundation call.
///
/// Entries cover U+0080–U+20FF (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac,
/// Thaana, Indic, punctuation) and U+FB00–U+FFFF (ligatures, Arabic presentation forms,
/// fullwidth forms); anything else goes through a small locked cache.
struct FoldTable: Sendable {
    /// One entry per scalar: the folded scalar, `dropped`, or `sequenceFlag | count << 16 | index`.
    private let entries: [UInt32]
    private let sequences: [UInt32]
    /// Whether each folded scalar in the table's range is a word character.
    private let wordFlags: [Bool]
    private let overflow = OverflowCache()

    static let dropped: UInt32 = 0xFFFF_FFFF
    static let sequenceFlag: UInt32 = 0x8000_0000
    static let lowRange: Range<UInt32> = 0..<0x2100
    static let highRange: Range<UInt32> = 0xFB00..<0x1_0000

    /// The one shared table, built on first use (about 10,000 Foundation calls, once per process).
    static let shared = FoldTable()

    private init() {
        var entries: [UInt32] = []
        var sequences: [UInt32] = []
        var wordFlags: [Bool] = []
        let count = Self.lowRange.count + Self.highRange.count
        entries.reserveCapacity(count)
        wordFlags.reserveCapacity(count)
        for value in Array(Self.lowRange) + Array(Self.highRange) {
            guard let scalar = Unicode.Scalar(value) else {
                entries.append(value)
                wordFlags.append(false)
                continue
            }
            wordFlags.append(ScalarFolding.isWordCharacter(scalar))
            entries.append(Self.encode(ScalarFolding.fold(scalar, foldCase: true), into: &sequences))
        }
        self.entries = entries
        self.sequences = sequences
        self.wordFlags = wordFlags
    }

    private static func encode(_ folded: [Unicode.Scalar], into sequences: inout [UInt32]) -> UInt32 {
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
    private static func slot(_ value: UInt32) -> Int? {
        if value < lowRange.upperBound { return Int(value) }
        if highRange.contains(value) { return Int(value - highRange.lowerBound) + lowRange.count }
        return nil
    }

    /// Appends the folded form of a non-ASCII scalar to `output` via `emit`.
    @inline(__always)
    func fold(_ value: UInt32, _ emit: (UInt32) -> Void) {
        let entry: UInt32
        if let slot = Self.slot(value) {
            entry = entries[slot]
        } else {
            entry = overflow.entry(for: value)
            if entry & Self.sequenceFlag != 0, entry != Self.dropped {
                for scalar in overflow.sequence(entry) { emit(scalar) }
                return
            }
        }
        if entry == Self.dropped { return }
        if entry & Self.sequenceFlag == 0 {
            emit(entry)
            return
        }
        let start = Int(entry & 0xFFFF)
        let length = Int((entry >> 16) & 0x7FFF)
        for index in start..<(start + length) { emit(sequences[index]) }
    }

    /// Whether a folded scalar belongs to a word.
    @inline(__always)
    func isWord(_ value: UInt32) -> Bool {
        if value < 0x80 { return Self.asciiWord[Int(value)] }
        if let slot = Self.slot(value) { return wordFlags[slot] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return ScalarFolding.isWordCharacter(scalar)
    }

    static let asciiWord: [Bool] = (0..<128).map { value in
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        default: false
        }
    }
}

/// Folds of scalars outside the table (CJK, emoji, rare scripts), computed on first sight.
/// Locked because one table serves every matcher on every thread.
private final class OverflowCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [UInt32: UInt32] = [:]
    private var sequences: [UInt32] = []

    func entry(for value: UInt32) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[value] { return entry }
        let folded = Unicode.Scalar(value).map { ScalarFolding.fold($0, foldCase: true) } ?? []
        let entry: UInt32
        switch folded.count {
        case 0: entry = FoldTable.dropped
        case 1: entry = folded[0].value
        default:
            entry = FoldTable.sequenceFlag | UInt32(folded.count) << 16 | UInt32(sequences.count)
            sequences.append(contentsOf: folded.map(\.value))
        }
        entries[value] = entry
        return entry
    }

    func sequence(_ entry: UInt32) -> [UInt32] {
        lock.lock()
        defer { lock.unlock() }
        let start = Int(entry & 0xFFFF)
        let length = Int((entry >> 16) & 0x7FFF)
        return Array(sequences[start..<(start + length)])
    }
}
