import Foundation

/// RFC 822 / RFC 1123 dates and what feeds actually send under that name: any day name
/// (or none, or a localized one), one-digit days, two-digit years, missing seconds, named and
/// military zones, `GMT+0200`, no zone (UTC), odd spacing and punctuation, month-first order
/// ("Jul 05 2004 10:00"), `AM`/`PM`, month names in the languages of Western Europe and Turkey
/// ("21 Okt 2016", "mar., 18 oct. 2016": a month word before any number gives way to a later
/// one, since it was a day name), and the day-first dotted form ("21.10.2016 03:00").
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
        /// The month came from a word before any number: perhaps a day name ("mar." is Tuesday in French).
        var monthTentative = false
        var seenNumber = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if ASCII.isDigit(c) {
                seenNumber = true
                var v = 0
                var len = 0
                while i < n, ASCII.isDigit(b[i]), len < 9 {
                    v = v * 10 + Int(b[i] - 0x30)
                    len += 1
                    i += 1
                }
                if day == nil, month == nil, len <= 2, let (m, y, next) = dottedMonthYear(at: i) {  // dd.mm.yyyy
                    day = v
                    month = m
                    year = y
                    yearDigits = 4
                    i = next
                } else if i < n, b[i] == 0x3A, hour == nil {  // hh:mm[:ss]
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
                            while i < n, ASCII.isDigit(b[i]) { i += 1 }
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
            } else if ASCII.isLetter(c) || c >= 0x80 {
                // The word's first eight bytes, lower-cased, packed in an integer (no array per word).
                var word = Word()
                while i < n, ASCII.isLetter(b[i]) || b[i] >= 0x80 {
                    word.append(b[i] | (b[i] < 0x80 ? 0x20 : 0))
                    i += 1
                }
                if let m = Self.month(word) {
                    if month == nil || (monthTentative && seenNumber) {
                        month = m
                        monthTentative = !seenNumber
                    }
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

    /// `.mm.yyyy` at `start` (after a day): the month, the year and where the text goes on.
    private func dottedMonthYear(at start: Int) -> (month: Int, year: Int, next: Int)? {
        guard start < b.count, b[start] == 0x2E, let (m, ml) = number(at: start + 1), ml <= 2 else { return nil }
        let dot = start + 1 + ml
        guard dot < b.count, b[dot] == 0x2E, let (y, yl) = number(at: dot + 1), yl == 4 else { return nil }
        return (m, y, dot + 1 + yl)
    }

    private func number(at start: Int) -> (Int, Int)? {
        var i = start
        var v = 0
        while i < b.count, ASCII.isDigit(b[i]), i - start < 9 {
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

    /// Month names and abbreviations: English by their first three letters ("Sept" and full names
    /// included), then the other languages' words whole (their first eight bytes).
    static func month(_ word: Word) -> Int? {
        guard word.count >= 3 else { return nil }
        if let index = months.firstIndex(of: word.prefix3) { return index + 1 }
        // The day name every well-formed date starts with: no table lookup for it.
        if word.count == 3, days.contains(word.packed) { return nil }
        return localizedMonths[word.packed]
    }

    private static let days: [UInt64] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Word($0).packed }

    /// German, French, Spanish, Italian, Portuguese, Dutch and Turkish month names and their usual
    /// abbreviations, where the first three letters are not the English ones. Lower case as the
    /// scanner makes them (ASCII only: a capital non-ASCII letter is listed as such).
    private static let localizedMonths: [UInt64: Int] = {
        let names: [[StaticString]] = [
            ["jänner", "enero", "ene", "gennaio", "gen", "ocak", "oca"],
            [
                "février", "févr", "fév", "fevrier", "fevr", "fevereiro", "fev", "febbraio", "şubat", "şub", "Şubat",
                "Şub",
            ],
            ["märz", "mär", "mrz", "maart", "maa"],
            ["avril", "avr", "abril", "abr", "aprile", "nisan", "nis"],
            ["mai", "maio", "maggio", "mag", "mei"],
            ["juin", "giugno", "giu", "haziran", "haz"],
            ["juillet", "juil", "luglio", "lug", "temmuz", "tem"],
            ["août", "aout", "aoû", "agosto", "ago", "ağustos", "ağu"],
            ["setiembre", "setembro", "settembre", "set", "eylül", "eyl"],
            ["oktober", "okt", "outubro", "out", "ottobre", "ott", "ekim", "eki"],
            ["kasım", "kas"],
            ["dezember", "dez", "dezembro", "décembre", "déc", "diciembre", "dicembre", "dic", "aralık", "ara"],
        ]
        var table: [UInt64: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { table[Word(word).packed] = index + 1 }
        }
        return table
    }()

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
