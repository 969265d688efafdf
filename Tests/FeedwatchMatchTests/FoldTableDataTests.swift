import Testing

@testable import FeedwatchMatch

/// The fold table loads precomputed contents; they must be what the Unicode data gives.
@Suite("The precomputed fold table")
struct FoldTableDataTests {
    @Test("FoldTable+Data.swift holds what ScalarFolding derives (else run scripts/generate-fold-table.sh)")
    func precomputedIsDerived() {
        let precomputed = FoldTable.Contents.precomputed
        let derived = FoldTable.derived()
        #expect(precomputed.entries.count == FoldTable.slotCount)
        #expect(precomputed.wordFlags.count == FoldTable.slotCount)
        let firstDifference = derived.entries.indices.first {
            precomputed.entries[$0] != derived.entries[$0] || precomputed.wordFlags[$0] != derived.wordFlags[$0]
        }
        #expect(firstDifference == nil, "slot \(firstDifference ?? 0) differs")
        #expect(precomputed == derived)
    }

    @Test("word flags survive packing into bits")
    func wordBitsRoundTrip() {
        let flags = (0..<130).map { $0 % 3 == 0 || $0 == 129 }
        let contents = FoldTable.Contents(entries: Array(repeating: 0, count: 130), sequences: [], wordFlags: flags)
        let unpacked = FoldTable.Contents(entries: contents.entries, sequences: [], wordBits: contents.wordBits)
        #expect(unpacked.wordFlags == flags)
    }
}
