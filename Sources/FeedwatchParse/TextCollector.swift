/// Collects UTF-8 text with whitespace collapsed as it comes: any run of ASCII whitespace (and
/// explicit word breaks) becomes one space, none at the ends. Built as bytes, decoded once.
struct TextCollector {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        // Copies runs of non-space bytes in one go; the per-byte work is only the scan.
        var i = 0
        let n = chunk.count
        while i < n {
            let b = chunk[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            var j = i + 1
            while j < n {
                let c = chunk[j]
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { break }
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
