import FeedwatchParse
import Foundation
import Testing

@Suite("Dates: RFC 822 and its real-world variants, RFC 3339 / ISO 8601, broken forms")
struct FeedDateTests {
    /// 2004-07-05 10:00:00 UTC
    static let reference = Date(timeIntervalSince1970: 1_089_021_600)

    @Test(
        "Parses to 2004-07-05T10:00:00Z",
        arguments: [
            "Mon, 05 Jul 2004 10:00:00 GMT",  // RFC 822 / 1123
            "Mon, 05 Jul 2004 10:00:00 +0000",
            "Mon, 05 Jul 2004 06:00:00 EDT",  // named US zone
            "Mon, 05 Jul 2004 12:00:00 CEST",  // named European zone
            "Mon, 5 Jul 2004 10:00 GMT",  // one-digit day, no seconds
            "Mon, 05 Jul 04 10:00:00 GMT",  // two-digit year
            "05 Jul 2004 10:00:00 GMT",  // no day name
            "Montag, 05 Jul 2004 10:00:00 GMT",  // localized day name
            "  Mon,05   Jul  2004   10:00:00   GMT ",  // odd spacing
            "Mon, 05 July 2004 10:00:00 UT",  // full month name
            "Mon, 05 Jul 2004 10:00:00",  // no zone: UTC
            "Mon, 05 Jul 2004 12:00:00 +02:00",  // colon in offset
            "Mon, 05 Jul 2004 05:00:00 -0500",
            "Mon Jul 05 2004 12:00:00 GMT+0200",  // JavaScript Date.toString
            "Jul 05 2004 10:00:00 AM GMT",  // month first, AM
            "Mon, 05-Jul-2004 10:00:00 GMT",  // RFC 850-like dashes
            "Mon, 05 Jul 2004 10:00:00 Z",  // military Z
            "2004-07-05T10:00:00Z",  // RFC 3339
            "2004-07-05T10:00:00.000Z",
            "2004-07-05T12:00:00+02:00",
            "2004-07-05T05:00:00-05:00",
            "2004-07-05t10:00:00z",  // lower case
            "2004-07-05 10:00:00",  // space, no zone
            "2004-07-05T10:00Z",  // no seconds
            "2004-07-05T12:00:00+0200",
            "2004-07-05T12:00:00+02",
            "20040705T100000Z",  // ISO 8601 basic
            "2004-07-05 10:00:00 GMT",
            "2004/07/05 10:00:00",  // slashes, year first
            "05.07.2004 10:00",  // day first, dotted
            "05.07.2004 12:00 +0200",
            "lun., 05 juil. 2004 10:00:00 GMT",  // French
            "mar., 05 juil. 2004 10:00:00 GMT",  // "mar." is Tuesday here, not March
            "lunes, 05 julio 2004 10:00:00 GMT",  // Spanish
            "Pzt, 05 Tem 2004 13:00:00 +0300",  // Turkish
            "5 juillet 2004 10:00",
        ])
    func parses(text: String) {
        #expect(FeedDate.parse(text) == Self.reference)
    }

    @Test(
        "Month names in other languages",
        arguments: [
            ("21 Okt 2016", 10), ("21 Mär 2016", 3), ("21 Şub 2016", 2), ("21 déc. 2016", 12), ("21 mai 2016", 5),
            ("21 Ağu 2016", 8), ("21 gennaio 2016", 1), ("21 Kasım 2016", 11), ("21 avr. 2016", 4), ("21 set 2016", 9),
            ("21 giugno 2016", 6), ("Di, 21 Dez 2016", 12), ("21 Oct 2016", 10),
        ])
    func localizedMonths(text: String, month: Int) throws {
        let date = try #require(FeedDate.parse(text))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        #expect(
            calendar.dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: 2016, month: month, day: 21))
    }

    @Test(
        "Reduced precision ISO dates are the start of the period",
        arguments: [("2004-07-05", 1_088_985_600.0), ("2004-07", 1_088_640_000), ("2004", 1_072_915_200)])
    func reducedPrecision(text: String, seconds: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(
        "Unparseable dates stay nil, never now",
        arguments: [
            "", "yesterday", "now", "Mon, 32 Jul 2004 10:00:00 GMT", "2004-13-01T00:00:00Z",
            "2004-02-30", "Mon, 05 Foo 2004 10:00:00 GMT", "25:00", "2004-07-05T25:00:00Z",
            "Mon, 05 Jul 2004 10:61:00 GMT", String(repeating: "9", count: 500), "2004/07-05", "05.13.2004",
            "07/05/2004",  // month and day in doubt: not guessed
        ])
    func unparseable(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }

    @Test("Leap day and fractional seconds")
    func edges() {
        #expect(FeedDate.parse("2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(FeedDate.parse("2023-02-29T00:00:00Z") == nil)
        #expect(FeedDate.parse("2004-07-05T10:00:00.5Z") == Date(timeIntervalSince1970: 1_089_021_600.5))
    }
}
