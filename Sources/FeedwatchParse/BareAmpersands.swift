/// A bare `&` (`?id=7&lang=ar`, `AT&T`, `Kirkuk & Mosul`) is the most common way a feed fails
/// to be well-formed, and libxml2 recovers from it by dropping the `&` and the name after it:
/// links lose parameters and words run together. A document libxml2 reported one in is read
/// again with each bare `&` written as `&amp;`, which is what its author meant.
enum BareAmpersands {
    /// `document` with every `&` that starts no reference escaped, and how many there were; nil
    /// when there is none, or when the bytes are not in an ASCII-compatible encoding (UTF-16
    /// and UTF-32, where `&` is not one byte). CDATA sections, comments and processing
    /// instructions are left as they are: an `&` is literal there.
    static func escaped(_ document: [UInt8]) -> (document: [UInt8], count: Int)? {
        guard !EncodingSniffer.isUTF32(document), EncodingSniffer.utf16WithoutBOM(document) == nil,
            !document.starts(with: [0xFE, 0xFF]), !document.starts(with: [0xFF, 0xFE])
        else { return nil }
        var out: [UInt8] = []
        var count = 0
        var copied = 0
        var i = 0
        let n = document.count
        while i < n {
            switch document[i] {
            case UInt8(ascii: "<"):
                i = end(ofMarkupAt: i, in: document)
            case UInt8(ascii: "&"):
                if !startsReference(document, at: i) {
                    if out.isEmpty { out.reserveCapacity(n + 64) }
                    out.append(contentsOf: document[copied...i])
                    out.append(contentsOf: "amp;".utf8)
                    copied = i + 1
                    count += 1
                }
                i += 1
            default:
                i += 1
            }
        }
        guard count > 0 else { return nil }
        out.append(contentsOf: document[copied...])
        return (out, count)
    }

    /// Where scanning resumes after the `<` at `i`: past a CDATA section, comment or processing
    /// instruction (to the end of the document when it is never closed), else just past the `<`.
    private static func end(ofMarkupAt i: Int, in d: [UInt8]) -> Int {
        func starts(_ s: String, at k: Int) -> Bool { d[k...].starts(with: s.utf8) }
        func after(_ terminator: String, from k: Int) -> Int {
            let t = Array(terminator.utf8)
            var j = k
            while j + t.count <= d.count {
                if d[j] == t[0], d[j..<(j + t.count)].elementsEqual(t) { return j + t.count }
                j += 1
            }
            return d.count
        }
        if starts("<![CDATA[", at: i) { return after("]]>", from: i + 9) }
        if starts("<!--", at: i) { return after("-->", from: i + 4) }
        if starts("<?", at: i) { return after("?>", from: i + 2) }
        return i + 1
    }

    /// Whether the `&` at `i` starts `&name;`, `&#digits;` or `&#xhex;`.
    private static func startsReference(_ d: [UInt8], at i: Int) -> Bool {
        var j = i + 1
        guard j < d.count else { return false }
        if d[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < d.count && (d[j] == UInt8(ascii: "x"))
            if hex { j += 1 }
            let start = j
            while j < d.count, isDigit(d[j]) || (hex && isHexLetter(d[j])) { j += 1 }
            return j > start && j < d.count && d[j] == UInt8(ascii: ";")
        }
        // A name: a letter, `_`, `:` or any non-ASCII byte first, then those, digits, `-` and `.`.
        guard isNameStart(d[j]) else { return false }
        j += 1
        while j < d.count, isNameStart(d[j]) || isDigit(d[j]) || d[j] == UInt8(ascii: "-") || d[j] == UInt8(ascii: ".")
        {
            j += 1
        }
        return j < d.count && d[j] == UInt8(ascii: ";")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHexLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 }
    private static func isNameStart(_ b: UInt8) -> Bool {
        ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }
}
