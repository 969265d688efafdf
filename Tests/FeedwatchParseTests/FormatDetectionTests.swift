import FeedwatchModel
import FeedwatchParse
import Testing

@Suite("Format detection: from the document, never from the URL")
struct FormatDetectionTests {
    @Test(
        "Each fixture is detected as its format",
        arguments: [
            ("rss20.xml", FeedFormat.rss20), ("rss091.xml", .rss091), ("rss10.xml", .rss10),
            ("atom10.xml", .atom10), ("atom03.xml", .atom03), ("feed.json", .json),
        ])
    func detectsFormat(file: String, format: FeedFormat) throws {
        let feed = try Fixture.parse(file, url: "https://wrong.example/feed.atom")
        #expect(feed.format == format)
        #expect(!feed.items.isEmpty)
        #expect(feed.partial == false)
    }

    @Test(
        "RSS version attribute and odd roots",
        arguments: [
            (#"<rss version="0.92"><channel><title>t</title></channel></rss>"#, FeedFormat.rss092),
            (#"<rss version="0.93"><channel/></rss>"#, .rss093),
            (#"<rss version="0.94"><channel/></rss>"#, .rss094),
            (#"<rss><channel/></rss>"#, .rss20),
            (#"<rss xmlns="http://backend.userland.com/rss2" version="2.0"><channel/></rss>"#, .rss20),
            (
                #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>t</title></channel></rdf:RDF>"#,
                .rss090
            ),
            (#"<feed version="0.3" xmlns="http://example.com/newformat#"><title>x</title></feed>"#, .atom03),
        ])
    func detectsVariants(document: String, format: FeedFormat) throws {
        #expect(try FeedParser.parse(document.bytes).format == format)
    }

    @Test("An HTML page served instead of a feed is a clear not-a-feed error naming it")
    func htmlIsNotAFeed() throws {
        let error = #expect(throws: ParseError.self) { try Fixture.parse("not-a-feed.html") }
        #expect(error?.kind == .notAFeed)
        #expect(error?.message.contains("found an HTML document (<html>)") == true)
    }

    @Test(
        "Other non-feeds are refused with what was found",
        arguments: [
            ("<html><body>x</body></html>", "HTML document"),
            ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "root <svg>"),
            ("{\"hello\": 1}", "JSON"),
        ])
    func otherNonFeeds(document: String, found: String) {
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(document.bytes) }
        #expect(error?.kind == .notAFeed)
        #expect(error?.message.contains(found) == true)
    }

    @Test("An empty or blank document is an empty error", arguments: ["", "  \n\t ", "\u{FEFF}"])
    func emptyDocument(document: String) {
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(document.bytes) }
        #expect(error?.kind == .empty)
    }

    @Test("Hand-made RSS with element names in other cases (<Item>, <TITLE>, <PubDate>) is read")
    func mixedCaseRSS() throws {
        let doc = """
            <RSS version="2.0"><Channel><TiTlE>Kurdistan 24</TiTlE><Item><TITLE>Attack in Kirkuk</TITLE>\
            <Link>http://example/1</Link><PubDate>Fri, 21 Oct 2016 03:00:00 GMT</PubDate>\
            <Description>&lt;p&gt;Islamic State fighters&lt;/p&gt;</Description></Item></Channel></RSS>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.format == .rss20)
        #expect(feed.title == "Kurdistan 24")
        let item = try #require(feed.items.first)
        #expect(item.title == "Attack in Kirkuk")
        #expect(item.link == "http://example/1")
        #expect(item.published != nil)
        #expect(item.summary == "Islamic State fighters")
    }
}
