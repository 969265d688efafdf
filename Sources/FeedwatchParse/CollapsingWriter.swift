/// Writes text with whitespace collapsed straight into the storage of the string being built:
/// any run of ASCII whitespace (and word breaks) becomes one space, none at the ends. The same
/// rule as `TextCollector`, for the hot paths that know an upper bound of their output: one pass,
/// no intermediate array, one copy.
struct CollapsingWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var pendingSpace = false

    init(_ storage: UnsafeMutableBufferPointer<UInt8>) {
        base = storage.baseAddress!
    }

    /// Space, tab, line feed, carriage return, form feed.
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(0x1_0000_3600) >> UInt64(b)) & 1 != 0
    }

    /// A word break (whitespace, or a block element's edge): a space, if text follows.
    @inline(__always)
    mutating func breakWord() { pendingSpace = true }

    /// One byte that is not whitespace.
    @inline(__always)
    mutating func byte(_ b: UInt8) {
        if pendingSpace {
            if count > 0 {
                base[count] = 0x20
                count += 1
            }
            pendingSpace = false
        }
        base[count] = b
        count += 1
    }

    /// Bytes known to hold no whitespace, in one copy.
    @inline(__always)
    mutating func run(_ start: UnsafePointer<UInt8>, _ length: Int) {
        if pendingSpace {
            if count > 0 {
                base[count] = 0x20
                count += 1
            }
            pendingSpace = false
        }
        (base + count).update(from: start, count: length)
        count += length
    }

    /// Bytes that may hold whitespace, collapsed.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        Self.scan(chunk, space: { pendingSpace = true }, words: { run($0, $1) })
    }

    /// Splits `chunk` into whitespace and stretches of words with single spaces between them.
    /// Such a stretch comes out of collapsing unchanged, so it can be copied at once; the
    /// per-byte work is only the scan.
    @inline(__always)
    static func scan(
        _ chunk: UnsafeBufferPointer<UInt8>, space: () -> Void, words: (UnsafePointer<UInt8>, Int) -> Void
    ) {
        guard let p = chunk.baseAddress else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            if isSpace(p[i]) {
                space()
                i += 1
                continue
            }
            var j = i + 1
            while j < n {
                let c = p[j]
                if !isSpace(c) {
                    j += 1
                } else if c == 0x20, j + 1 < n, !isSpace(p[j + 1]) {
                    j += 2
                } else {
                    break
                }
            }
            words(p + i, j - i)
            i = j
        }
    }

    /// A string of at most `capacity` UTF-8 bytes written by `body`, or nil when `body` gives up.
    static func string(capacity: Int, _ body: (inout CollapsingWriter) -> Bool) -> String? {
        var ok = true
        let text = String(unsafeUninitializedCapacity: max(capacity, 1)) { storage in
            var writer = CollapsingWriter(storage)
            ok = body(&writer)
            return ok ? writer.count : 0
        }
        return ok ? text : nil
    }
}
