/// Text in the matcher's normal form, with the way back to the original.
///
/// The normal form is the same for aliases and item text: NFKC compatibility forms, case
/// folded, diacritics and harakat removed, apostrophe variants unified, hyphens and every
/// kind of space turned into one space, zero-width and bidi characters dropped, and
/// Arabic-script letter variants folded (see `ScalarFolding`). Runs of spaces collapse to
/// one; a run that held a line break becomes `\n`, so sentences can still be told apart.
struct NormalizedText {
    /// The folded scalar values.
    var scalars: [UInt32] = []
    /// For each folded scalar, the index of the original scalar it came from.
    var origins: [Int32] = []
    /// The number of scalars in the original text.
    var originalCount = 0

    init() {}

    init(_ text: String) {
        self.init()
        TextNormalizer.normalize(text, into: &self)
    }

    var string: String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }
}

/// Folds text into `NormalizedText`. ASCII takes a table lookup per byte; anything else one
/// lookup in `FoldTable`.
public enum TextNormalizer {
    /// The normal form of `text` as a string: what aliases and item text are compared in.
    /// Idempotent: normalizing the result again returns it unchanged.
    public static func normalize(_ text: String) -> String {
        var normalized = NormalizedText(text)
        // Aliases and keys do not keep leading or trailing space.
        while let last = normalized.scalars.last, last == 0x20 || last == 0x0A { normalized.scalars.removeLast() }
        let leading = normalized.scalars.prefix { $0 == 0x20 || $0 == 0x0A }.count
        normalized.scalars.removeFirst(leading)
        return normalized.string
    }

    /// The normal form without case folding, to check case-sensitive aliases ("IS" ≠ "is").
    static func normalizePreservingCase(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            for folded in ScalarFolding.fold(scalar, foldCase: false) {
                let value = folded.value == 0x0A ? 0x20 : folded.value
                if value == 0x20 {
                    if lastWasSpace { continue }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
                out.append(value)
            }
        }
        while out.last == 0x20 { out.removeLast() }
        return out
    }

    static func normalize(_ text: String, into output: inout NormalizedText) {
        output.scalars.removeAll(keepingCapacity: true)
        output.origins.removeAll(keepingCapacity: true)
        var text = text
        let table = FoldTable.shared
        let ascii = asciiFold
        text.withUTF8 { bytes in
            output.scalars.reserveCapacity(bytes.count)
            output.origins.reserveCapacity(bytes.count)
            var index = 0
            var original: Int32 = 0
            // Start as if after a space, so leading space is dropped like a collapsed run.
            var lastWasSpace = true
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let folded = ascii[Int(byte)]
                    if folded == 0x20 || folded == 0x0A {
                        if lastWasSpace {
                            // Upgrade a collapsed run to a line break if one is in it.
                            if folded == 0x0A, let last = output.scalars.last, last == 0x20 {
                                output.scalars[output.scalars.count - 1] = 0x0A
                            }
                        } else {
                            output.scalars.append(folded)
                            output.origins.append(original)
                            lastWasSpace = true
                        }
                    } else {
                        output.scalars.append(folded)
                        output.origins.append(original)
                        lastWasSpace = false
                    }
                    index += 1
                    original += 1
                    continue
                }
                let value: UInt32
                if byte < 0xE0 {
                    value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if byte < 0xF0 {
                    value =
                        UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value =
                        UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                let origin = original
                table.fold(value) { folded in
                    if folded == 0x20 || folded == 0x0A {
                        if lastWasSpace {
                            if folded == 0x0A, let last = output.scalars.last, last == 0x20 {
                                output.scalars[output.scalars.count - 1] = 0x0A
                            }
                            return
                        }
                        lastWasSpace = true
                    } else {
                        lastWasSpace = false
                    }
                    output.scalars.append(folded)
                    output.origins.append(origin)
                }
                original += 1
            }
            output.originalCount = Int(original)
        }
    }

    /// ASCII folded: lower case, controls and hyphen to space, line breaks to `\n`, backtick to
    /// apostrophe. Must agree with `ScalarFolding` for the same characters.
    static let asciiFold: [UInt32] = (0..<128).map { value -> UInt32 in
        switch value {
        case 0x0A, 0x0B, 0x0C, 0x0D: 0x0A
        case 0x00...0x1F, 0x7F, 0x2D: 0x20
        case 0x60: 0x27
        case 0x41...0x5A: UInt32(value + 0x20)
        default: UInt32(value)
        }
    }
}
