extension String {
    /// The text with everything that could act on a terminal or forge a line replaced:
    /// C0 controls and DEL, C1 controls, bidi embeddings, overrides and isolates, and the
    /// Unicode line and paragraph separators. Tabs and line breaks become spaces, the
    /// invisible direction marks (ALM, LRM, RLM) are dropped, C1 controls become the
    /// windows-1252 punctuation they nearly always are in feeds (`don\u{92}t` is "don’t":
    /// the bytes of a windows-1252 text read as Latin-1, or a `&#146;`), and the rest becomes
    /// U+FFFD, so a reader can see something was there.
    public var sanitized: String {
        guard unicodeScalars.contains(where: Self.isUnsafe) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x061C, 0x200E, 0x200F: continue  // invisible direction marks: drop
            case 0x80...0x9F: out.append(.windows1252(UInt8(scalar.value)))
            case _ where Self.isUnsafe(scalar): out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, LRM, RLM
        case 0x202A...0x202E, 0x2066...0x2069: true  // embeddings, overrides, isolates
        case 0x2028, 0x2029: true
        default: false
        }
    }
}
