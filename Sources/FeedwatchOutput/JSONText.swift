/// JSON text that is safe to print: every character that could act on a terminal or split a
/// line is written as a `\uXXXX` escape.
///
/// `JSONEncoder` escapes the C0 controls but writes DEL, the C1 controls, the bidi controls and
/// U+2028/U+2029 raw (see FACTS.md); a log line holding them can clear a screen, retitle a
/// window or forge a line when someone `cat`s the log. These escapes keep the JSON value the
/// same, only its spelling changes.
enum JSONText {
    /// Whether a scalar must never appear raw in a line.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, LRM, RLM
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }

    /// Appends `text` as a JSON string literal, quotes included.
    static func appendString(_ text: String, to out: inout String) {
        out.unicodeScalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where mustEscape(scalar): appendEscape(scalar, to: &out)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.unicodeScalars.append("\"")
    }

    /// Rewrites raw unsafe characters in JSON text (as `JSONEncoder` produced it) as escapes.
    /// They can only stand inside string literals, where `\uXXXX` means the same character.
    static func escapingUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: mustEscape) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if mustEscape(scalar) { appendEscape(scalar, to: &out) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func appendEscape(_ scalar: Unicode.Scalar, to out: inout String) {
        let digits = Array("0123456789abcdef".unicodeScalars)
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            out.unicodeScalars.append(digits[Int((scalar.value >> UInt32(shift)) & 0xF)])
        }
    }
}
