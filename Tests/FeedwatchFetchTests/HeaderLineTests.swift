import Testing

@testable import FeedwatchFetch

@Suite("Parsing header lines as the header callback receives them")
struct HeaderLineTests {
    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\n", 200 as Int?),
        ("HTTP/2 304\r\n", 304),
        ("HTTP/1.0 301 Moved Permanently\r\n", 301),
        ("HTTP/1.1 abc\r\n", 0),
        ("ETag: \"x\"\r\n", nil),
        ("HTTP", nil),
    ])
    func aStatusLineGivesItsCode(line: String, expected: Int?) {
        let status = Array(line.utf8).withUnsafeBytes { HeaderLine.status($0) }
        #expect(status == expected)
    }

    @Test(arguments: [
        ("ETag: \"abc\"\r\n", "etag", "\"abc\""),
        ("Last-Modified:Sun, 06 Nov 1994 08:49:37 GMT\r\n", "last-modified", "Sun, 06 Nov 1994 08:49:37 GMT"),
        ("Content-Type : \t text/xml; charset=utf-8 \r\n", "content-type", "text/xml; charset=utf-8"),
        ("X-Empty:\r\n", "x-empty", ""),
    ])
    func aFieldLineGivesALowerCasedNameAndATrimmedValue(line: String, name: String, value: String) throws {
        let field = try #require(Array(line.utf8).withUnsafeBytes { HeaderLine.field($0) })
        #expect(field.name == name)
        #expect(field.value == value)
    }

    @Test(arguments: ["\r\n", "no colon here\r\n", ": value\r\n"])
    func aLineWithoutAFieldNameIsIgnored(line: String) {
        #expect(Array(line.utf8).withUnsafeBytes { HeaderLine.field($0) } == nil)
    }
}
