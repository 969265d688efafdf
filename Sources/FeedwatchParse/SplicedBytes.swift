/// A copy of a document with some of its byte ranges replaced, in order: what the repairs that
/// read a document again (`MarkupRepair`, `Windows1252Fallback`) write. Nothing is copied until
/// the first replacement.
struct SplicedBytes {
    let source: [UInt8]
    private var out: [UInt8] = []
    /// Where the source has been copied up to.
    private var copied = 0
    /// How many replacements were made.
    private(set) var count = 0

    init(_ source: [UInt8]) { self.source = source }

    /// Writes `replacement` where the `length` source bytes at `offset` stood; ranges come in order.
    mutating func replace(at offset: Int, length: Int, with replacement: some Sequence<UInt8>) {
        if count == 0 { out.reserveCapacity(source.count + 64) }
        out.append(contentsOf: source[copied..<offset])
        out.append(contentsOf: replacement)
        copied = offset + length
        count += 1
    }

    /// The copy with the rest of the source after the last replacement; nil when there was none.
    func result() -> [UInt8]? {
        count > 0 ? out + source[copied...] : nil
    }
}
