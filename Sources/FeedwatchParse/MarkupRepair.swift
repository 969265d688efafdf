import CLibXML2

/// Four slips in feeds that libxml2 recovers from by losing text, and what their authors meant:
/// - a bare `&` (`?id=7&lang=ar`, `AT&T`, `Kirkuk & Mosul`): libxml2 drops it and the name after
///   it, so links lose parameters and words run together;
/// - an HTML entity in an attribute value (`term="Kerk&uuml;k"`, `href="…/caf&eacute;"`): dropped
///   (in text, `FeedSAXReader.reference` expands them);
/// - a bare `<` (`a < b`): libxml2 stops reading the document there, and every later item is lost;
/// - a NUL byte: the same.
///
/// A document libxml2 reported one of them in is read again with each written so that nothing is
/// lost: `&amp;`, a numeric reference, `&lt;`, nothing.
enum MarkupRepair {
    struct Counts: CustomStringConvertible {
        var ampersands = 0
        var entities = 0
        var lessThans = 0
        var nuls = 0

        var total: Int { ampersands + entities + lessThans + nuls }

        var description: String {
            [
                (ampersands, "bare '&' read as '&amp;'"), (entities, "HTML entities in attribute values read"),
                (lessThans, "bare '<' read as '&lt;'"), (nuls, "NUL bytes dropped"),
            ]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }
    }

    /// `document` with its slips mended, and how many of each there were; nil when there is none,
    /// or when the bytes are not in an ASCII-compatible encoding (UTF-16 and UTF-32, where `&`
    /// and `<` are not one byte). CDATA sections, comments and processing instructions are left
    /// as they are: `&` and `<` are literal there.
    static func repaired(_ document: [UInt8]) -> (document: [UInt8], counts: Counts)? {
        guard !EncodingSniffer.isUTF32(document), EncodingSniffer.utf16WithoutBOM(document) == nil,
            !document.starts(with: [0xFE, 0xFF]), !document.starts(with: [0xFF, 0xFE])
        else { return nil }
        var copy = SplicedBytes(document)
        var counts = Counts()
        func replace(at i: Int, length: Int, with replacement: some Sequence<UInt8>) {
            copy.replace(at: i, length: length, with: replacement)
        }
        /// The `&` at `i`, mended if it needs to be; returns where scanning goes on. An HTML entity
        /// is written as a numeric reference only in a tag: in text, `reference()` expands it.
        func ampersand(at i: Int, inTag: Bool) -> Int {
            switch reference(in: document, at: i) {
            case .none:
                replace(at: i, length: 1, with: "&amp;".utf8)
                counts.ampersands += 1
                return i + 1
            case .html(let length, let value) where inTag:
                replace(at: i, length: length, with: "&#\(value);".utf8)
                counts.entities += 1
                return i + length
            case .html(let length, _), .other(let length):
                return i + length
            }
        }
        var i = 0
        let n = document.count
        while i < n {
            switch document[i] {
            case 0:
                replace(at: i, length: 1, with: [])
                counts.nuls += 1
                i += 1
            case UInt8(ascii: "&"):
                i = ampersand(at: i, inTag: false)
            case UInt8(ascii: "<"):
                let next = i + 1 < n ? document[i + 1] : 0
                if isNameStart(next) || next == UInt8(ascii: "/") {
                    // A tag, to its `>` outside quotes: its attribute values are mended too.
                    var quote: UInt8?
                    i += 1
                    while i < n, quote != nil || document[i] != UInt8(ascii: ">") {
                        let c = document[i]
                        if c == UInt8(ascii: "&") {
                            i = ampersand(at: i, inTag: true)
                            continue
                        }
                        if c == 0 {
                            replace(at: i, length: 1, with: [])
                            counts.nuls += 1
                        } else if c == quote {
                            quote = nil
                        } else if quote == nil, c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                            quote = c
                        }
                        i += 1
                    }
                } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                    i = end(ofMarkupAt: i, in: document)
                } else {
                    replace(at: i, length: 1, with: "&lt;".utf8)
                    counts.lessThans += 1
                    i += 1
                }
            default:
                i += 1
            }
        }
        return copy.result().map { ($0, counts) }
    }

    /// Where scanning resumes after the `<!` or `<?` at `i`: past a CDATA section, comment or
    /// processing instruction (to the end of the document when it is never closed), else (a
    /// DOCTYPE) just past the `<`.
    private static func end(ofMarkupAt i: Int, in d: [UInt8]) -> Int {
        func after(_ terminator: String, from k: Int) -> Int {
            d[k...].firstRange(of: terminator.utf8)?.upperBound ?? d.count
        }
        if d[i...].starts(with: "<![CDATA[".utf8) { return after("]]>", from: i + 9) }
        if d[i...].starts(with: "<!--".utf8) { return after("-->", from: i + 4) }
        if d[i...].starts(with: "<?".utf8) { return after("?>", from: i + 2) }
        return i + 1
    }

    private enum Reference {
        /// `&name;` for an entity HTML knows and XML does not: its length and code point.
        case html(length: Int, value: UInt32)
        /// `&#digits;`, `&#xhex;` or any other `&name;`: its length, kept as it is.
        case other(length: Int)
    }

    /// The reference the `&` at `i` starts, or nil when it starts none (a bare `&`).
    private static func reference(in d: [UInt8], at i: Int) -> Reference? {
        var j = i + 1
        guard j < d.count else { return nil }
        if d[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < d.count && d[j] == UInt8(ascii: "x")
            if hex { j += 1 }
            let start = j
            while j < d.count, ASCII.isDigit(d[j]) || (hex && ASCII.isHexLetter(d[j])) { j += 1 }
            return j > start && j < d.count && d[j] == UInt8(ascii: ";") ? .other(length: j + 1 - i) : nil
        }
        // A name: a letter, `_`, `:` or any non-ASCII byte first, then those, digits, `-` and `.`.
        guard isNameStart(d[j]) else { return nil }
        j += 1
        while j < d.count,
            isNameStart(d[j]) || ASCII.isDigit(d[j]) || d[j] == UInt8(ascii: "-") || d[j] == UInt8(ascii: ".")
        {
            j += 1
        }
        guard j < d.count, d[j] == UInt8(ascii: ";") else { return nil }
        let name = Array(d[(i + 1)..<j])
        guard !["amp", "lt", "gt", "quot", "apos"].contains(where: { name.elementsEqual($0.utf8) }),
            let value = (name + [0]).withUnsafeBufferPointer({ htmlEntityLookup($0.baseAddress)?.pointee.value })
        else { return .other(length: j + 1 - i) }
        return .html(length: j + 1 - i, value: value)
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        ASCII.isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }
}
