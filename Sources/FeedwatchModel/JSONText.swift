/// JSON text that is safe to print: every character that could act on a terminal or split a
/// line is written as a `\uXXXX` escape.
///
/// `JSONEncoder` escapes the C0 controls but writes DEL, the C1 controls, the bidi controls and
/// U+2028/U+2029 raw (see FACTS.md); a log line holding them can clear a screen, retitle a
/// window or forge a line when someone `cat`s the log. These escapes keep the JSON value the
/// same, only its spelling changes.
///
/// Works on UTF-8 bytes: a Swift string is valid UTF-8, and every character to escape has a
/// short, fixed encoding (C1: C2 80–9F; U+061C: D8 9C; U+200E/F, U+2028–202E: E2 80 xx;
/// U+2066–2069: E2 81 A6–A9).
package enum JSONText {
    /// Whether a scalar must never appear raw in a line.
    package static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, LRM, RLM
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }

    /// Appends `text` as a JSON string literal, quotes included.
    package static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { appendEscaped($0, quoting: true, to: &out) }
        out.append(0x22)
    }

    /// Rewrites raw unsafe characters in JSON text (as `JSONEncoder` produced it) as escapes.
    /// They can only stand inside string literals, where `\uXXXX` means the same character.
    package static func escapingUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: mustEscape) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count + 16)
        var json = json
        json.withUTF8 { appendEscaped($0, quoting: false, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies UTF-8 bytes, escaping the unsafe characters, and (when `quoting`, inside a string
    /// literal) the quote and the backslash too.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, quoting: Bool, to out: inout [UInt8]) {
        var index = 0
        let count = bytes.count
        while index < count {
            // Copy the run of bytes that need no look (nearly all of them) in one go.
            let runStart = index
            while index < count, isPlain(bytes[index]) { index += 1 }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            guard index < count else { break }
            let byte = bytes[index]
            switch byte {
            case 0x22 where quoting: out += [0x5C, 0x22]  // \"
            case 0x5C where quoting: out += [0x5C, 0x5C]  // \\
            case 0x0A: out += [0x5C, 0x6E]  // \n
            case 0x0D: out += [0x5C, 0x72]  // \r
            case 0x09: out += [0x5C, 0x74]  // \t
            case 0x00...0x1F, 0x7F: appendEscape(UInt32(byte), to: &out)
            case 0xC2 where index + 1 < count && (0x80...0x9F).contains(bytes[index + 1]):
                appendEscape(UInt32(bytes[index + 1]), to: &out)
                index += 1
            case 0xD8 where index + 1 < count && bytes[index + 1] == 0x9C:
                appendEscape(0x061C, to: &out)
                index += 1
            case 0xE2 where index + 2 < count && isBidiOrSeparator(bytes[index + 1], bytes[index + 2]):
                appendEscape(0x2000 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), to: &out)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
    }

    /// A byte that is copied as it is wherever it stands: not a control, quote, backslash or DEL,
    /// and not the first byte of a character that may need escaping.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xC2 && byte != 0xD8 && byte != 0xE2
    }

    /// The second and third bytes of U+200E/F, U+2028–202E or U+2066–2069 after an E2.
    private static func isBidiOrSeparator(_ second: UInt8, _ third: UInt8) -> Bool {
        switch (second, third) {
        case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xA8...0xAE), (0x81, 0xA6...0xA9): true
        default: false
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        out += [0x5C, 0x75]  // \u
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
