import FeedwatchParse
import FeedwatchTesting
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

    @Test("Windows-1252 bytes in a UTF-8 feed are read as windows-1252, so a name spelt in them still matches")
    func windows1252InUTF8() throws {
        var bytes = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>".bytes
        bytes += "Kirkuk".bytes + [0x92] + "s police; Kerk".bytes + [0xFC] + "k, ".bytes
        bytes += "كركوك, \u{201C}Daesh\u{201D} ".bytes + [0x93, 0x81, 0x94] + "</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(bytes)
        #expect(feed.items.first?.title == "Kirkuk\u{2019}s police; Kerkük, كركوك, “Daesh” “\u{FFFD}”")
        #expect(feed.partial)
        #expect(
            feed.warnings.contains { $0.contains("5 byte(s) that are not UTF-8 read as windows-1252") },
            "\(feed.warnings)")

        // Streamed in pieces, the same.
        var random = SeededRandomNumberGenerator(seed: 1252)
        #expect(StreamTests.streamed(bytes, random: &random) == .success(feed))
    }

    @Test("A feed in a declared legacy encoding is not touched by the UTF-8 fallback")
    func declaredLatin1IsNotRepaired() throws {
        let bytes =
            "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><rss><channel><title>Kerk".bytes + [0xFC]
            + "k</title></channel></rss>".bytes
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "Kerkük")
        #expect(!feed.partial)
    }

    @Test(
        "Labels are read as the superset their publishers write (WHATWG): GB2312 as GB18030, ISO-8859-9 as windows-1254"
    )
    func supersetLabels() throws {
        // 喆 is GBK, not GB2312: read as labelled, iconv stopped there and the feed was lost.
        let gbk: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0x20, 0x86, 0xB4]  // "中文 喆"
        let chinese =
            "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><title>".bytes + gbk
            + "</title><item><title>x</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(chinese)
        #expect(feed.title == "中文 喆")
        #expect(feed.items.count == 1)
        #expect(!feed.partial)

        let turkish =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?><rss><channel><title>".bytes
            + [0x80, 0x20, 0x4B, 0x65, 0x72, 0x6B, 0xFC, 0x6B, 0x20, 0xFD] + "</title></channel></rss>".bytes
        #expect(try FeedParser.parse(turkish).title == "€ Kerkük ı")
    }

    @Test("An HTTP charset spelt utf8 reads like UTF-8: stray windows-1252 bytes do not stop the feed")
    func utf8Alias() throws {
        let bytes =
            "<rss><channel><item><title>Kirkuk".bytes + [0x92] + "s police</title></item>".bytes
            + "<item><title>Daquq</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(bytes, charset: "utf8")
        #expect(feed.items.map(\.title) == ["Kirkuk\u{2019}s police", "Daquq"])
    }

    @Test("Bytes the declared encoding cannot decode end the reading with a warning, keeping what came before")
    func undecodableBytes() throws {
        let bytes =
            "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><title>t</title>".bytes
            + "<item><title>first</title></item><item><title>bad ".bytes + [0xFF, 0xFF]
            + "</title></item><item><title>third</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "t")
        #expect(feed.items.first?.title == "first")
        #expect(feed.partial)
        #expect(
            feed.warnings.contains { $0.contains("bytes that are not gb18030 ended the reading") }, "\(feed.warnings)")
    }
}
