import Foundation

/// RFC 822 / RFC 1123 dates and what feeds actually send under that name: any day name
/// (or none, or a localized one), one-digit days, two-digit years, missing seconds, named and
/// military zones, `GMT+0200`, no zone (UTC), odd spacing and punctuation, month-first order
/// ("Jul 05 2004 10:00") and `AM`/`PM`.
struct RFC822Scanner {
    let b: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    func parse() -> Date? {
        var day: Int?
        var month: Int?
        var year: Int?
        var yearDigits = 0
        var hour: Int?
        var minute = 0
        var second = 0
        var offset: Int?
        var pm: Bool?
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if FeedDate.isDigit(c) {
                var v = 0
                var len = 0
                while i < n, FeedDate.isDigit(b[i]), len < 9 {
                    v = v * 10 + Int(b[i] - 0x30)
                    len += 1
                    i += 1
                }
                if i < n, b[i] == 0x3A, hour == nil {  // hh:mm[:ss]
                    hour = v
                    i += 1
                    guard let (m, l) = number(at: i), l <= 2 else { return nil }
                    minute = m
                    i += l
                    if i < n, b[i] == 0x3A {
                        i += 1
                        guard let (s, sl) = number(at: i), sl <= 2 else { return nil }
                        second = s
                        i += sl
                        if i < n, b[i] == 0x2E {  // fraction: ignored
                            i += 1
                            while i < n, FeedDate.isDigit(b[i]) { i += 1 }
                        }
                    }
                } else if len == 4, year == nil {
                    year = v
                    yearDigits = 4
                } else if day == nil, len <= 2, v >= 1, v <= 31 {
                    day = v
                } else if year == nil, len <= 2 {
                    year = v
                    yearDigits = len
                } else {
                    return nil
                }
            } else if c == 0x2B || (c == 0x2D && hour != nil) {  // zone offset after the time
                i += 1
                guard let (v, len) = number(at: i) else { continue }
                i += len
                var seconds: Int
                if len == 4 || len == 3 {
                    seconds = (v / 100) * 3600 + (v % 100) * 60
                } else if len <= 2 {
                    seconds = v * 3600
                    if i + 2 < n, b[i] == 0x3A, let (m, ml) = number(at: i + 1), ml == 2 {
                        seconds += m * 60
                        i += 1 + ml
                    }
                } else {
                    return nil
                }
                offset = c == 0x2D ? -seconds : seconds
            } else if FeedDate.isAlpha(c) {
                // The word's first eight bytes, lower-cased, packed in an integer (no array per word).
                var word = Word()
                while i < n, FeedDate.isAlpha(b[i]) || b[i] >= 0x80 {
                    word.append(b[i] | (b[i] < 0x80 ? 0x20 : 0))
                    i += 1
                }
                if let m = Self.month(word) {
                    if month == nil { month = m }
                } else if word == Word("am") || word == Word("pm") {
                    pm = word == Word("pm")
                } else if hour != nil || day != nil, offset == nil, let z = Self.zoneOffset(word) {
                    offset = z
                }
                // Anything else is a day name, in whatever language: skip it.
            } else {
                i += 1  // spaces, commas, dots, slashes, dashes between date parts
            }
        }
        guard let d = day, let m = month, var y = year else { return nil }
        if yearDigits <= 2 { y += y < 50 ? 2000 : 1900 }
        var h = hour ?? 0
        if let pm {
            guard h >= 1, h <= 12 else { return nil }
            h = (h % 12) + (pm ? 12 : 0)
        }
        return FeedDate.epoch(
            year: y, month: m, day: d, hour: h, minute: minute, second: second, fraction: 0, offset: offset ?? 0)
    }

    private func number(at start: Int) -> (Int, Int)? {
        var i = start
        var v = 0
        while i < b.count, FeedDate.isDigit(b[i]), i - start < 9 {
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
        }
        return i > start ? (v, i - start) : nil
    }

    /// Up to eight bytes of a word, little-endian in an integer, and the word's full length.
    struct Word: Equatable {
        var packed: UInt64 = 0
        var count = 0

        init() {}

        init(_ text: StaticString) {
            for k in 0..<text.utf8CodeUnitCount { append(text.utf8Start[k]) }
        }

        mutating func append(_ byte: UInt8) {
            if count < 8 { packed |= UInt64(byte) << (8 * UInt64(count)) }
            count += 1
        }

        /// The first three bytes.
        var prefix3: UInt64 { packed & 0xFF_FFFF }
    }

    private static let months: [UInt64] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ].map { Word($0).packed }

    /// English month names and abbreviations ("Sept" and full names included).
    static func month(_ word: Word) -> Int? {
        guard word.count >= 3, let index = months.firstIndex(of: word.prefix3) else { return nil }
        return index + 1
    }

    private static let zones: [UInt64: Int] = Dictionary(
        uniqueKeysWithValues: ([
            ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0), ("wet", 0), ("bst", 3600), ("ist", 19800),
            ("cet", 3600), ("met", 3600), ("mez", 3600), ("cest", 7200), ("mesz", 7200), ("eet", 7200),
            ("eest", 10800), ("msk", 10800), ("west", 3600), ("est", -18000), ("edt", -14400), ("cst", -21600),
            ("cdt", -18000), ("mst", -25200), ("mdt", -21600), ("pst", -28800), ("pdt", -25200),
            ("akst", -32400), ("akdt", -28800), ("hst", -36000), ("ast", -14400), ("adt", -10800),
            ("nst", -12600), ("ndt", -9000), ("jst", 32400), ("kst", 32400), ("hkt", 28800), ("sgt", 28800),
            ("awst", 28800), ("acst", 34200), ("aest", 36000), ("aedt", 39600), ("nzst", 43200),
            ("nzdt", 46800), ("a", -3600), ("m", -43200), ("n", 3600), ("y", 43200),
        ] as [(StaticString, Int)]).map { (Word($0.0).packed, $0.1) })

    /// The offset in seconds of a zone name (lower-case ASCII), or nil if unknown.
    static func zoneOffset(_ word: Word) -> Int? {
        word.count <= 8 ? zones[word.packed] : nil
    }
}
