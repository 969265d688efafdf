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

    /// The one shared table, built on first use, once per process.
    static let shared = FoldTable()

    private init() {
        entries = .allocate(capacity: Self.slotCount)
        wordFlags = .allocate(capacity: Self.slotCount)
        ascii = .allocate(capacity: 128)
        var sequenceList: [UInt32] = []
        var longest = 1
        // Every slot's first fold step at once (two Foundation calls, not two per scalar); the
        // fixed-point rounds after it look their steps up here too.
        let tableScalars = (0..<Self.slotCount).compactMap { Unicode.Scalar(Self.value(atSlot: $0)) }
        let firstSteps = Dictionary(
            uniqueKeysWithValues: zip(
                tableScalars.map(\.value), ScalarFolding.steps(tableScalars, foldCase: true)))
        let step = { (scalar: Unicode.Scalar) in
            firstSteps[scalar.value] ?? ScalarFolding.steps([scalar], foldCase: true)[0]
        }
        for slot in 0..<Self.slotCount {
            let value = Self.value(atSlot: slot)
            guard let scalar = Unicode.Scalar(value) else {
                entries[slot] = value
                wordFlags[slot] = false
                continue
            }
            wordFlags[slot] = ScalarFolding.isWordCharacter(scalar)
            let folded = ScalarFolding.fold(scalar, step: step)
            longest = max(longest, folded.count)
            var entry = Self.encode(folded, into: &sequenceList)
            if entry & Self.sequenceFlag == 0, ScalarFolding.isWordCharacter(folded[0]) { entry |= Self.wordBit }
            entries[slot] = entry
        }
        for value in 0..<128 {
            let entry = entries[value]
            // Every ASCII character folds to exactly one ASCII character.
            ascii[value] = entry == Self.dropped || entry & Self.sequenceFlag != 0 ? 0x20 : entry & ~Self.wordBit
            if ascii[value] < 0x80, wordFlags[Int(ascii[value])] { ascii[value] |= Self.asciiWordBit }
        }
        sequences = .allocate(capacity: max(1, sequenceList.count))
        sequences.initialize(from: sequenceList, count: sequenceList.count)
        longestSequence = longest
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

    /// The scalar value a slot stands for.
    static func value(atSlot slot: Int) -> UInt32 {
        slot < Int(lowLimit) ? UInt32(slot) : UInt32(slot - Int(lowLimit)) + highRange.lowerBound
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
