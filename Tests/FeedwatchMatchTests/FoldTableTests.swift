import Testing

@testable import FeedwatchMatch

@Suite("Fold table")
struct FoldTableTests {
    /// The table is built from one NFKD and one lower-casing over all its scalars at once; every
    /// entry must be what folding that scalar on its own gives.
    @Test("every entry equals the fold of its scalar taken alone")
    func entriesMatchSingleFolds() {
        let table = FoldTable.shared
        var mismatches: [String] = []
        for slot in 0..<FoldTable.slotCount {
            guard let scalar = Unicode.Scalar(FoldTable.value(atSlot: slot)) else { continue }
            let expected = ScalarFolding.fold(scalar, foldCase: true).map(\.value)
            let entry = table.entry(atSlot: slot)
            let actual: [UInt32]
            if entry == FoldTable.dropped {
                actual = []
            } else if entry & FoldTable.sequenceFlag != 0 {
                let start = Int(entry & 0xFFFF)
                let length = Int((entry >> 16) & 0x7FFF)
                actual = (start..<start + length).map { table.sequences[$0] }
            } else {
                actual = [entry & ~FoldTable.wordBit]
            }
            if actual != expected { mismatches.append("U+\(String(scalar.value, radix: 16)): \(actual) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
