import FeedwatchModel

/// A feed read as UTF-8 that holds bytes which are not UTF-8 is nearly always a UTF-8 feed with
/// windows-1252 text pasted in (`Kirkuk\x92s`, `Kerk\xFCk`). libxml2 hands such bytes on raw,
/// and they would become U+FFFD — a name the watchlist knows, spelt in windows-1252, would not
/// match. A document libxml2 reported one in is read again with each such byte written as the
/// windows-1252 character it stands for; every valid UTF-8 sequence stays as it is.
enum Windows1252Fallback {
    /// `document` with each byte that is not part of valid UTF-8 replaced by the UTF-8 of its
    /// windows-1252 character, and how many there were; nil when the bytes are valid UTF-8.
    static func repaired(_ document: [UInt8]) -> (document: [UInt8], count: Int)? {
        var out: [UInt8] = []
        var count = 0
        var copied = 0
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = document.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar):
                offset += scalar.count
            case .error(let length):
                if out.isEmpty { out.reserveCapacity(document.count + 64) }
                out.append(contentsOf: document[copied..<offset])
                for byte in document[offset..<(offset + length)] { append(byte, to: &out) }
                offset += length
                copied = offset
                count += length
            case .emptyInput:
                guard count > 0 else { return nil }
                out.append(contentsOf: document[copied...])
                return (out, count)
            }
        }
    }

    /// The UTF-8 of the windows-1252 character `byte` stands for.
    private static func append(_ byte: UInt8, to out: inout [UInt8]) {
        UTF8.encode(.windows1252(byte)) { out.append($0) }
    }
}
