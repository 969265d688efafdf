import FeedwatchParse
import Foundation
import Testing

@Suite("Encodings: declaration, BOM, HTTP charset, UTF-16 without declaration, legacy code pages")
struct EncodingTests {
    static func rss(title: String, declaration: String? = nil) -> String {
        let decl = declaration.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? ""
        return decl + "<rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
    }

    static func encode(_ s: String, _ encoding: String.Encoding) -> [UInt8] {
        [UInt8](s.data(using: encoding) ?? Data())
    }

    @Test("UTF-8 with a BOM")
    func utf8BOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.rss(title: "Kerkük").bytes
        #expect(try FeedParser.parse(bytes).title == "Kerkük")
    }

    @Test("UTF-16 LE and BE, with a BOM and without a declaration")
    func utf16() throws {
        let doc = Self.rss(title: "كركوك")
        let le = Self.encode(doc, .utf16LittleEndian)
        let be = Self.encode(doc, .utf16BigEndian)
        #expect(try FeedParser.parse(le).title == "كركوك")
        #expect(try FeedParser.parse(be).title == "كركوك")
        #expect(try FeedParser.parse([0xFF, 0xFE] + le).title == "كركوك")
        #expect(try FeedParser.parse([0xFE, 0xFF] + be).title == "كركوك")
    }

    @Test("UTF-32 with and without a BOM")
    func utf32() throws {
        let doc = Self.rss(title: "Mosul موصل")
        #expect(try FeedParser.parse(Self.encode(doc, .utf32BigEndian)).title == "Mosul موصل")
        #expect(try FeedParser.parse([0xFF, 0xFE, 0, 0] + Self.encode(doc, .utf32LittleEndian)).title == "Mosul موصل")
    }

    @Test(
        "Legacy encodings named in the XML declaration",
        arguments: [
            ("windows-1250", String.Encoding.windowsCP1250, "Zażółć"),
            ("windows-1251", .windowsCP1251, "Киркук"),
            ("ISO-8859-2", .isoLatin2, "Zażółć"),
        ])
    func declared(label: String, encoding: String.Encoding, title: String) throws {
        let bytes = Self.encode(Self.rss(title: title, declaration: label), encoding)
        try #require(!bytes.isEmpty)
        #expect(try FeedParser.parse(bytes).title == title)
    }

    @Test(
        "KOI8-R and GB2312 (bytes written out, Foundation cannot encode them on Linux)",
        arguments: [
            ("KOI8-R", [237, 207, 211, 213, 204] as [UInt8], "Мосул"),
            ("GB2312", [187, 249, 182, 251, 191, 226, 191, 203], "基尔库克"),
        ])
    func declaredCJKAndCyrillic(label: String, titleBytes: [UInt8], title: String) throws {
        let parts = Self.rss(title: "@", declaration: label).split(separator: "@", omittingEmptySubsequences: false)
        let bytes = Array(parts[0].utf8) + titleBytes + Array(parts[1].utf8)
        #expect(try FeedParser.parse(bytes).title == title)
    }

    @Test("The HTTP charset overrides the declaration")
    func httpCharset() throws {
        let bytes = Self.encode(Self.rss(title: "Киркук", declaration: "UTF-8"), .windowsCP1251)
        #expect(try FeedParser.parse(bytes, charset: "windows-1251").title == "Киркук")
    }

    @Test("The HTTP charset overrides a legacy declaration too; an unknown one leaves the declaration in force")
    func httpCharsetOverLegacyDeclaration() throws {
        let bytes = Self.encode(Self.rss(title: "Киркук", declaration: "iso-8859-5"), .windowsCP1251)
        #expect(try FeedParser.parse(bytes, charset: "windows-1251").title == "Киркук")
        let latin = Self.encode(Self.rss(title: "Kerkük", declaration: "iso-8859-1"), .isoLatin1)
        let feed = try FeedParser.parse(latin, charset: "x-no-such-charset")
        #expect(feed.title == "Kerkük")
        #expect(feed.warnings.contains { $0.contains("unknown charset") })
    }

    @Test("ISO-8859-1 labels are read as windows-1252 (curly quotes in 0x80–0x9F)")
    func latin1IsWindows1252() throws {
        let bytes = Self.rss(title: "don_t", declaration: "iso-8859-1").bytes.map { $0 == 0x5F ? 0x92 : $0 }
        #expect(try FeedParser.parse(bytes).title == "don\u{2019}t")
    }

    @Test("An unknown declared encoding falls back instead of losing the feed")
    func bogusEncoding() throws {
        let feed = try FeedParser.parse(Self.rss(title: "still here", declaration: "x-bogus-42").bytes)
        #expect(feed.title == "still here")
        #expect(feed.partial)
    }

    @Test("A few invalid UTF-8 bytes do not lose the feed")
    func invalidUTF8() throws {
        var bytes = "<rss><channel><title>ok</title><item><title>bad \u{1}".bytes.dropLast()
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += " bytes</title></item><item><title>next item</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(Array(bytes))
        #expect(feed.title == "ok")
        #expect(feed.partial)
        #expect(feed.items.count == 2)
        #expect(feed.items.last?.title == "next item")
    }
}
