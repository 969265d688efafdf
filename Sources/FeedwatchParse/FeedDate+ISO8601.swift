import Foundation

/// RFC 3339, ISO 8601 (extended and basic) and W3C-DTF, with the usual slack: `/` for `-`, a
/// space or a lower-case `t` for `T`, a missing zone (UTC), `+hh`, `+hhmm`, `+hh:mm`, reduced precision
/// (`2004`, `2004-07`, `2004-07-05`), and any number of fraction digits.
struct ISO8601Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    mutating func parse() -> Date? {
        guard let year = digits(4) else { return nil }
        var month = 1
        var day = 1
        // '-', or '/' as some publishers write it (year first, so the order is never in doubt).
        let separator = peek()
        let extended = separator == 0x2D || separator == 0x2F
        if i == b.count {
            return FeedDate.epoch(year: year, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0, offset: 0)
        }
        if extended {
            i += 1
            guard let m = digits(2) else { return nil }
            month = m
            if peek() == separator {
                i += 1
                guard let d = digits(2) else { return nil }
                day = d
            }
        } else {
            guard let m = digits(2), let d = digits(2) else { return nil }
            month = m
            day = d
        }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if let c = peek(), c == 0x54 || c == 0x74 || c == 0x20 {  // T, t, space
            i += 1
            while peek() == 0x20 { i += 1 }
            guard let h = digits(2) else { return nil }
            hour = h
            if peek() == 0x3A { i += 1 }
            guard let mi = digits(2) else { return nil }
            minute = mi
            if peek() == 0x3A { i += 1 }
            if let s = digits(2) {
                second = s
                if let c = peek(), c == 0x2E || c == 0x2C {  // . or ,
                    i += 1
                    var scale = 0.1
                    var any = false
                    while let d = peek(), ASCII.isDigit(d) {
                        fraction += Double(d - 0x30) * scale
                        scale /= 10
                        any = true
                        i += 1
                    }
                    guard any else { return nil }
                }
            }
            while peek() == 0x20 { i += 1 }
            if let c = peek() {
                if c == 0x5A || c == 0x7A {  // Z
                    i += 1
                } else if c == 0x2B || c == 0x2D {  // + -
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if peek() == 0x3A { i += 1 }
                    if let m = digits(2) { om = m }
                    offset = (oh * 3600 + om * 60) * (c == 0x2D ? -1 : 1)
                } else if ASCII.isLetter(c) {
                    // A named zone after an ISO time ("2004-07-05 10:00:00 GMT").
                    var word = RFC822Scanner.Word()
                    while let w = peek(), ASCII.isLetter(w), word.count < 8 {
                        word.append(w | 0x20)
                        i += 1
                    }
                    guard let z = RFC822Scanner.zoneOffset(word) else { return nil }
                    offset = z
                }
            }
        }
        while peek() == 0x20 { i += 1 }
        guard i == b.count else { return nil }
        return FeedDate.epoch(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            fraction: fraction, offset: offset)
    }

    private func peek() -> UInt8? { i < b.count ? b[i] : nil }

    private mutating func digits(_ n: Int) -> Int? {
        guard i + n <= b.count else { return nil }
        var v = 0
        for k in 0..<n {
            let d = b[i + k]
            guard ASCII.isDigit(d) else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        i += n
        return v
    }
}
