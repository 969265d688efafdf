import FeedwatchModel
import FeedwatchParse
import Foundation
import Testing

/// What the feed says of itself: its description, when it changed, who writes it, and the
/// encoding its bytes were read in.
@Suite("Feed-level fields")
struct FeedLevelTests {
    @Test func rssChannelDescriptionDateAndEditor() throws {
        let doc = """
            <?xml version="1.0" encoding="windows-1252"?>
            <rss version="2.0"><channel><title>Kirkuk Now</title>
            <description>News from &lt;b&gt;Kirkuk&lt;/b&gt; and Daquq</description>
            <managingEditor>desk@kirkuk.example (News desk)</managingEditor>
            <pubDate>Fri, 21 Oct 2016 04:00:00 GMT</pubDate>
            <lastBuildDate>Sat, 22 Oct 2016 06:30:00 GMT</lastBuildDate>
            <item><title>Attack in Kirkuk</title></item></channel></rss>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.subtitle == "News from Kirkuk and Daquq")
        #expect(feed.updated == utc("2016-10-22T06:30:00Z"))
        #expect(feed.authors == ["desk@kirkuk.example (News desk)"])
        #expect(feed.items.first?.authors == ["desk@kirkuk.example (News desk)"])
        #expect(feed.encoding == "windows-1252")
    }

    @Test func atomSubtitleUpdatedAndAuthor() throws {
        let doc = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title>
            <subtitle type="html">&lt;p&gt;Reports on &lt;em&gt;Mosul&lt;/em&gt;&lt;/p&gt;</subtitle>
            <updated>2016-10-24T12:00:00Z</updated><author><name>Monitor staff</name></author>
            <entry><id>a</id><title>x</title></entry></feed>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.subtitle == "Reports on Mosul")
        #expect(feed.updated == utc("2016-10-24T12:00:00Z"))
        #expect(feed.authors == ["Monitor staff"])
        #expect(feed.encoding == "utf-8")
    }

    @Test(arguments: [
        ("UTF-16LE", [UInt8(0xFF), 0xFE], "utf-16le"),
        ("ISO-8859-2", [], "iso-8859-2"),
    ])
    func theEncodingReadIsReported(declared: String, bom: [UInt8], expected: String) throws {
        let text =
            "<?xml version=\"1.0\" encoding=\"\(declared)\"?><rss version=\"2.0\"><channel><title>Kerkük</title></channel></rss>"
        let bytes: [UInt8]
        if declared.hasPrefix("UTF-16") {
            bytes = bom + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        } else {
            bytes = Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        }
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "Kerkük")
        #expect(feed.encoding == expected)
    }
}
