import Foundation

/// Dates as feeds write them: RFC 822 and its real-world variants, RFC 3339 / ISO 8601 / W3C-DTF,
/// and the common broken forms. Hand-written over bytes: one call costs well under a microsecond,
/// where a `DateFormatter` per item would cost more than the rest of the item together.
/// An unparseable date is `nil`, never "now".
public enum FeedDate {
    /// The instant `text` names, or nil.
    public static func parse(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// The instant the UTF-8 `bytes` name, or nil.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        let slice = bytes.trimmedASCII
        guard slice.count >= 4, slice.count <= 200 else { return nil }
        var iso = ISO8601Scanner(slice)
        if let date = iso.parse() { return date }
        return RFC822Scanner(slice).parse()
    }

    /// Seconds since 1970 for a proleptic Gregorian UTC civil time (Howard Hinnant's days_from_civil).
    static func epoch(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double, offset: Int
    ) -> Date? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (1...9999).contains(year), abs(offset) <= 18 * 3600
        else { return nil }
        if hour == 24, minute != 0 || second != 0 { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
