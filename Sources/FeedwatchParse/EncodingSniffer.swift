/// Encodings libxml2 2.9 cannot take on its own, and the fallback when a document declares one
/// it does not know.
enum EncodingSniffer {
    /// Whether the bytes start like UTF-32 (a BOM, or `<` as a 4-byte unit).
    static func isUTF32(_ data: [UInt8]) -> Bool {
        data.count >= 8
            && (data.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE, 0x00, 0x00])
                || data.starts(with: [0x00, 0x00, 0x00, 0x3C]) || data.starts(with: [0x3C, 0x00, 0x00, 0x00]))
    }

    /// UTF-32 (with or without BOM) converted to UTF-8, or nil if the bytes are not UTF-32.
    /// libxml2 detects UTF-32 but its iconv switch fails on it.
    static func utf32AsUTF8(_ data: [UInt8]) -> [UInt8]? {
        guard isUTF32(data) else { return nil }
        let bigEndian: Bool
        var start = 0
        if data.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            bigEndian = true
            start = 4
        } else if data.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            bigEndian = false
            start = 4
        } else if data.starts(with: [0x00, 0x00, 0x00, 0x3C]) {
            bigEndian = true
        } else if data.starts(with: [0x3C, 0x00, 0x00, 0x00]) {
            bigEndian = false
        } else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(data.count / 4)
        var i = start
        while i + 3 < data.count {
            let b = (UInt32(data[i]), UInt32(data[i + 1]), UInt32(data[i + 2]), UInt32(data[i + 3]))
            let value = bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            out.append(contentsOf: String(Character(scalar)).utf8)
            i += 4
        }
        return out
    }

    /// The encoding to read a document in when its declared one is unknown: UTF-16 by BOM or by
    /// the `<` pattern, else UTF-8 if the bytes are valid UTF-8, else windows-1252 (every byte maps).
    static func fallback(for data: [UInt8]) -> String {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0x00, 0x3C]) { return "UTF-16BE" }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0x3C, 0x00]) { return "UTF-16LE" }
        return String(validating: data, as: UTF8.self) != nil ? "UTF-8" : "windows-1252"
    }
}

extension EncodingSniffer {
    /// Labels read as another encoding, as every browser reads them (WHATWG Encoding): the
    /// superset their publishers actually write. Feeds labelled ISO-8859-1 or ASCII carry
    /// windows-1252 quotes and dashes in 0x80–0x9F, GB2312 ones carry GBK characters, and so on;
    /// read as labelled, iconv stops at the first such character and the rest of the feed is
    /// lost. The UTF-8 aliases are named so that libxml2 reads them itself (iconv would stop at
    /// the first stray byte, libxml2 goes on).
    static let readAs: [String: String] = {
        var table: [String: String] = [:]
        let supersets: [String: [String]] = [
            "windows-1252": [
                "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "us-ascii", "ascii", "cp819", "ibm819",
            ],
            "UTF-8": ["utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"],
            "GB18030": [
                "gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312", "gb_2312-80", "cp936", "windows-936",
            ],
            "windows-1254": ["iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "csisolatin5"],
            "CP874": ["tis-620", "iso-8859-11", "iso8859-11", "dos-874", "windows-874"],
            "CP949": ["euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "korean", "cseuckr", "windows-949"],
            "CP932": ["shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "windows-31j", "x-sjis", "ms932"],
            "BIG5-HKSCS": ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"],
        ]
        for (encoding, labels) in supersets {
            for label in labels { table[label] = encoding }
        }
        return table
    }()

    /// The encoding named in the XML declaration of an ASCII-compatible document, lower-cased.
    static func declaredEncoding(_ data: [UInt8]) -> String? {
        let head = data.prefix(256)
        guard head.starts(with: Array("<?xml".utf8)) || head.starts(with: [0xEF, 0xBB, 0xBF, 0x3C, 0x3F]) else {
            return nil
        }
        guard let end = head.firstIndex(of: 0x3E) else { return nil }
        let decl = String(decoding: head[..<end], as: UTF8.self)
        guard let range = decl.range(of: "encoding") else { return nil }
        let rest = decl[range.upperBound...].drop(while: { $0 == " " || $0 == "=" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix(while: { $0 != quote })).lowercased()
    }
}

extension EncodingSniffer {
    /// UTF-16 with neither BOM nor XML declaration (`<` then NUL, or NUL then `<`): libxml2
    /// recognises UTF-16 without a BOM only when the document starts with `<?`.
    static func utf16WithoutBOM(_ data: [UInt8]) -> String? {
        guard data.count >= 4 else { return nil }
        if data[0] == 0x3C, data[1] == 0, data[2] != 0, data[3] == 0 { return "UTF-16LE" }
        if data[0] == 0, data[1] == 0x3C, data[2] == 0, data[3] != 0 { return "UTF-16BE" }
        return nil
    }
}
