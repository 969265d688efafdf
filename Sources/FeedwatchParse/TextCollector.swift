/// Collects UTF-8 text with whitespace collapsed as it comes: any run of ASCII whitespace (and
/// explicit word breaks) becomes one space, none at the ends. Built as bytes, decoded once.
struct TextCollector {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    /// Space, tab, line feed, carriage return, form feed.
    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(0x1_0000_3600) >> UInt64(b)) & 1 != 0
    }

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        // Copies runs of words separated by single spaces in one go (they come out unchanged);
        // the per-byte work is only the scan.
        var i = 0
        let n = chunk.count
        while i < n {
            if Self.isSpace(chunk[i]) {
                pendingSpace = true
                i += 1
                continue
            }
            var j = i + 1
            while j < n {
                let c = chunk[j]
                if Self.isSpace(c) {
                    if c == 0x20, j + 1 < n, !Self.isSpace(chunk[j + 1]) {
                        j += 2
                        continue
                    }
                    break
                }
                j += 1
            }
            if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
            i = j
        }
    }

    mutating func append(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { append($0) }
    }

    /// A word break (a block element's edge): a space, if text follows.
    mutating func breakWord() { pendingSpace = true }

    func finish() -> String { String(decoding: bytes, as: UTF8.self) }
}
