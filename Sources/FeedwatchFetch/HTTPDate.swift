import Foundation

/// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
/// Hand-written so that no `DateFormatter` (slow to create, locale-sensitive) sits on the fetch path.
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// Parses any of the three HTTP date forms; nil when the text is not one of them.
    public static func parse(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }).map(String.init)
        guard !tokens.isEmpty else { return nil }
        if month(tokens[0]) == nil, Int(tokens[0]) == nil { tokens.removeFirst() }  // weekday name
        let day: Int?
        let monthIndex: Int?
        let yearText: String
        let timeText: String
        if tokens.count == 4, let m = month(tokens[0]) {  // asctime: Nov 6 08:49:37 1994
            monthIndex = m
            day = Int(tokens[1])
            timeText = tokens[2]
            yearText = tokens[3]
        } else if tokens.count == 4 || tokens.count == 5 {  // 06 Nov 1994 08:49:37 GMT, or 06-Nov-94
            // HTTP dates are always GMT; a date in another zone is not an HTTP date.
            if tokens.count == 5, !["GMT", "UTC", "Z", "+0000"].contains(tokens[4].uppercased()) { return nil }
            day = Int(tokens[0])
            monthIndex = month(tokens[1])
            yearText = tokens[2]
            timeText = tokens[3]
        } else {
            return nil
        }
        guard let day, let monthIndex, var year = Int(yearText), (1...31).contains(day) else { return nil }
        if yearText.count == 2 { year += year < 70 ? 2000 : 1900 }
        let clock = timeText.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The IMF-fixdate form of `date` (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func string(from date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let weekday = dayNames[((days % 7) + 7) % 7]
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(day)) \(months[month - 1].capitalized) \(year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) GMT"
    }

    private static func month(_ token: String) -> Int? {
        months.firstIndex(of: token.prefix(3).lowercased()).flatMap { token.count == 3 ? $0 : nil }
    }

    // Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
