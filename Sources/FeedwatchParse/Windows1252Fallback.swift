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
        var copy = SplicedBytes(document)
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = document.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar):
                offset += scalar.count
            case .error(let length):
                // Each byte of the ill-formed sequence on its own, as the character it stands for.
                for byte in document[offset..<(offset + length)] {
                    var utf8: [UInt8] = []
                    UTF8.encode(.windows1252(byte)) { utf8.append($0) }
                    copy.replace(at: offset, length: 1, with: utf8)
                    offset += 1
                }
            case .emptyInput:
                return copy.result().map { ($0, copy.count) }
            }
        }
    }
}
