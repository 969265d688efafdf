/// Collects UTF-8 text with whitespace collapsed as it comes: any run of ASCII whitespace (and
/// explicit word breaks) becomes one space, none at the ends. Built as bytes, decoded once: the
/// `CollapsingWriter` rule for text whose length is not known in advance.
struct TextCollector {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        CollapsingWriter.scan(
            chunk, space: { pendingSpace = true },
            words: { start, count in
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
            })
    }

    mutating func append(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { append($0) }
    }

    /// A word break (a block element's edge): a space, if text follows.
    mutating func breakWord() { pendingSpace = true }

    func finish() -> String { String(decoding: bytes, as: UTF8.self) }
}
