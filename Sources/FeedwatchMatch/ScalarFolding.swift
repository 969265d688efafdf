import Foundation

/// How one Unicode scalar folds for matching, computed the slow way (Foundation's NFKD and
/// the standard library's case mapping). `FoldTable` runs this once per scalar and caches
/// the result, so the hot loop never calls Foundation.
enum ScalarFolding {
    /// The scalars `scalar` becomes: none (dropped), itself, or a replacement sequence.
    /// Applying the fold to its own output changes nothing (the loop runs to a fixed point),
    /// which is what makes normalization idempotent.
    static func fold(_ scalar: Unicode.Scalar, foldCase: Bool) -> [Unicode.Scalar] {
        var current = [scalar]
        for _ in 0..<4 {
            let next = current.flatMap { step($0, foldCase: foldCase) }
            if next == current { return next }
            current = next
        }
        return current
    }

    /// One round: a special mapping if there is one, else compatibility decomposition,
    /// case mapping and removal of combining marks and format characters.
    private static func step(_ scalar: Unicode.Scalar, foldCase: Bool) -> [Unicode.Scalar] {
        if let special = special(scalar, foldCase: foldCase) { return special }
        let properties = scalar.properties
        switch properties.generalCategory {
        // Diacritics, harakat, Quranic marks, zero-width and bidi controls, soft hyphen.
        case .nonspacingMark, .enclosingMark, .format: return []
        case .control: return [" "]
        case .spaceSeparator: return [" "]
        case .lineSeparator, .paragraphSeparator: return ["\n"]
        default: break
        }
        var text = String(scalar).decomposedStringWithCompatibilityMapping
        if foldCase { text = text.lowercased() }
        let out = text.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: false
            default: true
            }
        }
        return Array(out)
    }

    /// Mappings that neither NFKD nor case mapping provide: spaces, apostrophes, dashes,
    /// Arabic-script letter variants, Eastern Arabic digits, and case folds beyond lowercase.
    private static func special(_ scalar: Unicode.Scalar, foldCase: Bool) -> [Unicode.Scalar]? {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85: return ["\n"]
        case 0x09: return [" "]
        // Apostrophe and prime variants: Tes'in = Tes’in = Tesʼin.
        case 0x60, 0xB4, 0x2018, 0x2019, 0x201B, 0x2032, 0x2035, 0x02B9, 0x02BB, 0x02BC, 0x02BD, 0x055A,
            0xFF07:
            return ["'"]
        // Hyphens and dashes separate words like a space: al-Hashd = al Hashd = al‑Hashd.
        case 0x2D, 0x058A, 0x05BE, 0x1400, 0x1806, 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63,
            0xFF0D:
            return [" "]
        // Alef with hamza, madda or wasla → bare alef.
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675: return ["\u{0627}"]
        // Alef maqsura, Persian/Kurdish/Pashto yeh, yeh with hamza → Arabic yeh.
        case 0x0649, 0x06CC, 0x06CE, 0x06D0, 0x06D2, 0x0626: return ["\u{064A}"]
        // Ta marbuta and heh variants → heh.
        case 0x0629, 0x06BE, 0x06C0, 0x06C1, 0x06C3, 0x06D5: return ["\u{0647}"]
        // Keheh and swash kaf → kaf.
        case 0x06A9, 0x06AA: return ["\u{0643}"]
        // Waw with hamza and Kurdish/Uyghur waw variants → waw.
        case 0x0624, 0x06C4...0x06CB, 0x06CF: return ["\u{0648}"]
        // Kurdish lam and reh with small v → lam, reh.
        case 0x06B5...0x06B8: return ["\u{0644}"]
        case 0x0692, 0x0695: return ["\u{0631}"]
        // Tatweel (kashida) only stretches a word.
        case 0x0640: return []
        // Arabic-Indic and Persian digits → ASCII digits.
        case 0x0660...0x0669: return [Unicode.Scalar(scalar.value - 0x0660 + 0x30)!]
        case 0x06F0...0x06F9: return [Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!]
        // Case folds that lowercase() leaves alone.
        case 0xDF, 0x1E9E: return foldCase ? ["s", "s"] : nil
        case 0x03C2: return foldCase ? ["\u{03C3}"] : nil
        case 0x0131: return foldCase ? ["i"] : nil
        default: return nil
        }
    }

    /// Whether a folded scalar is part of a word: letters, digits and marks of any script.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        // The underscore (a connector) joins words as in `\w`.
        case .decimalNumber, .letterNumber, .otherNumber, .spacingMark, .nonspacingMark, .connectorPunctuation:
            return true
        default: return false
        }
    }

    /// Scripts written without spaces between words, where a word boundary cannot be required.
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            return true
        default: return false
        }
    }

    /// Arabic-script letters (the range that carries the proclitic rules).
    static func isArabicScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}
