import FeedwatchFetch
import Foundation
import Testing

@Suite("HTTP dates")
struct HTTPDateTests {
    /// RFC 9110 §5.6.7: recipients accept all three forms.
    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func everyFormParsesToTheSameInstant(text: String) {
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test(arguments: [
        "", "soon", "0", "-1", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0300",
    ])
    func textThatIsNotAnHTTPDateIsRejected(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test(arguments: [0, 784_111_777, 1_800_000_000, 2_145_916_800, 951_782_400] as [TimeInterval])
    func formattingRoundTrips(seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        let text = HTTPDate.string(from: date)
        #expect(text.hasSuffix(" GMT"))
        #expect(HTTPDate.parse(text) == date)
    }

    @Test func formattingGivesIMFFixdate() {
        #expect(HTTPDate.string(from: Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
