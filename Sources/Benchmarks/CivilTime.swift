/// A UTC calendar time, computed by hand (Howard Hinnant's days-from-civil algorithm) so the
/// corpus does not depend on the locale or time zone of the machine.
struct CivilTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// 0 is Sunday.
    var weekday: Int

    init(_ epochSeconds: Int) {
        let days = epochSeconds.floorDiv(86_400)
        let seconds = epochSeconds - days * 86_400
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
        weekday = (days + 4).floorMod(7)
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    private var clock: String { "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }

    /// RFC 822 as RSS uses it: `Tue, 25 Nov 2026 00:12:00 +0000`.
    var rfc822: String {
        "\(Self.dayNames[weekday]), \(pad(day, 2)) \(Self.monthNames[month - 1]) \(year) \(clock) +0000"
    }

    /// The HTTP date (RFC 9110 IMF-fixdate): `Tue, 25 Nov 2026 00:12:00 GMT`.
    var httpDate: String {
        "\(Self.dayNames[weekday]), \(pad(day, 2)) \(Self.monthNames[month - 1]) \(year) \(clock) GMT"
    }

    /// RFC 3339 as Atom uses it: `2026-11-25T00:12:00Z`.
    var rfc3339: String { "\(year)-\(pad(month, 2))-\(pad(day, 2))T\(clock)Z" }

    /// `2026/11/25`, for article links.
    var datePath: String { "\(year)/\(pad(month, 2))/\(pad(day, 2))" }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    fileprivate func floorMod(_ divisor: Int) -> Int { self - floorDiv(divisor) * divisor }
}
