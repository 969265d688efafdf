import FeedwatchParse
import Testing

@Suite("Ill-formed documents: recover what can be recovered, and say so")
struct IllFormedTests {
    @Test(
        "Recovers and marks the result partial",
        arguments: [
            ("junk after the root", "<rss><channel><item><title>A</title></item></channel></rss> trailing junk <x>"),
            ("bare ampersand", "<rss><channel><item><title>AT&T news</title></item></channel></rss>"),
            ("unclosed CDATA", "<rss><channel><item><title>A</title><description><![CDATA[text"),
            ("truncated document", "<rss><channel><item><title>A</title><link>http://x/1</link></item><item><tit"),
            ("control character", "<rss><channel><item><title>A\u{1}</title></item></channel></rss>"),
            ("mismatched tags", "<rss><channel><item><title>A</titel></item></channel></rss>"),
            ("undeclared prefix", "<rss><channel><item><title>A</title><foo:bar>x</foo:bar></item></channel></rss>"),
        ])
    func recovers(what: String, document: String) throws {
        let feed = try FeedParser.parse(document.bytes)
        #expect(feed.partial, "\(what)")
        #expect(feed.items.first?.title?.hasPrefix("A") == true, "\(what)")
        #expect(!feed.warnings.isEmpty)
    }

    @Test("Text after an error keeps its entities (&amp; is not lost after the first error)")
    func entitiesAfterError() throws {
        let doc =
            "<rss><channel><item><title>AT&T</title><description>a &amp; b &lt;i&gt;c&lt;/i&gt;</description></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.partial)
        #expect(feed.items.first?.summary == "a & b c")
    }

    @Test(
        "A bare ampersand in text keeps itself and the name after it (libxml2 drops both)",
        arguments: [
            ("<title>AT&T news</title>", "AT&T news"),
            ("<title>Kirkuk & Mosul</title>", "Kirkuk & Mosul"),
            ("<title>Q&A: Daquq</title>", "Q&A: Daquq"),
            ("<title>a&b&c &amp; d</title>", "a&b&c & d"),
            ("<title>&</title>", "&"),
            ("<description>Tom &Jerry &lt;b&gt;in Kirkuk&lt;/b&gt;</description>", "Tom &Jerry in Kirkuk"),
        ])
    func bareAmpersandInText(element: String, expected: String) throws {
        let feed = try FeedParser.parse("<rss><channel><item>\(element)</item></channel></rss>".bytes)
        let item = try #require(feed.items.first)
        #expect((item.title ?? item.summary) == expected)
        #expect(feed.partial, "still not well-formed, and said so")
    }

    @Test("A link with bare ampersands in its query keeps every parameter")
    func bareAmpersandInLink() throws {
        let feed = try FeedParser.parse(
            "<rss><channel><link>http://example/?a=1&b=2&c</link><item><link>http://example/?id=7&lang=ar</link></item></channel></rss>"
                .bytes)
        #expect(feed.link == "http://example/?a=1&b=2&c")
        #expect(feed.items.first?.link == "http://example/?id=7&lang=ar")
    }

    @Test("A bare ampersand in an attribute value is kept too (Atom links, enclosures)")
    func bareAmpersandInAttribute() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><id>1</id><title>Kirkuk</title><link href="http://example/story?id=7&lang=ar"/></entry></feed>
            """
        let entry = try #require(try FeedParser.parse(atom.bytes).items.first)
        #expect(entry.link == "http://example/story?id=7&lang=ar")
        let rss = """
            <rss><channel><item><title>Mosul & Kirkuk</title>\
            <enclosure url="http://example/a.mp3?x=1&y=2" type="audio/mpeg"/></item></channel></rss>
            """
        let feed = try FeedParser.parse(rss.bytes)
        #expect(feed.items.first?.enclosures.first?.url == "http://example/a.mp3?x=1&y=2")
        #expect(feed.items.first?.title == "Mosul & Kirkuk")
        #expect(feed.partial)
        #expect(feed.warnings.contains { $0.contains("2 bare '&' read as '&amp;'") }, "\(feed.warnings)")
    }

    @Test("CDATA, comments and well-formed references are left as they are when bare ampersands are escaped")
    func bareAmpersandLeavesTheRest() throws {
        let doc = """
            <rss><channel><title>R&D</title><!-- a & b --><item><title>x &amp; y &#38; z &#x26; w &eacute;</title>\
            <description><![CDATA[<p>Tom & Jerry &amp; co</p>]]></description></item></channel></rss>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.title == "R&D")
        #expect(feed.items.first?.title == "x & y & z & w é")
        #expect(feed.items.first?.summary == "Tom & Jerry & co")
        #expect(feed.warnings.contains { $0.contains("1 bare '&'") }, "\(feed.warnings)")
    }

    @Test("An HTML entity in an attribute value is read, not dropped (a category Kerk&uuml;k is Kerkük)")
    func htmlEntityInAttribute() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>caf&eacute;</title>\
            <link href="http://example/caf&eacute;?a=1&amp;b=2"/><category term="Kerk&uuml;k"/></entry></feed>
            """
        let feed = try FeedParser.parse(atom.bytes)
        let entry = try #require(feed.items.first)
        #expect(entry.title == "café")
        #expect(entry.link == "http://example/café?a=1&b=2")
        #expect(entry.categories == ["Kerkük"])
        #expect(feed.warnings.contains { $0.contains("2 HTML entities in attribute values read") }, "\(feed.warnings)")
    }

    @Test(
        "A bare < or a NUL byte no longer ends the reading: the items after it are kept",
        arguments: [
            ("<title>Kirkuk: losses < 5</title>", "Kirkuk: losses < 5", "1 bare '<' read as '&lt;'"),
            ("<title>Kirkuk <3</title>", "Kirkuk <3", "1 bare '<' read as '&lt;'"),
            ("<title>Kirkuk\u{0}police</title>", "Kirkukpolice", "1 NUL bytes dropped"),
        ])
    func slipThatEndedTheReading(element: String, title: String, warning: String) throws {
        let doc =
            "<rss><channel><title>t</title><item>\(element)<link>http://x/1</link></item>"
            + "<item><title>Daquq</title><link>http://x/2</link></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.items.map(\.title) == [title, "Daquq"])
        #expect(feed.items.map(\.link) == ["http://x/1", "http://x/2"])
        #expect(feed.partial)
        #expect(feed.warnings.contains { $0.contains(warning) }, "\(feed.warnings)")
    }

    @Test("HTML entities in a feed without a DTD are expanded and do not make it partial")
    func htmlEntities() throws {
        let feed = try FeedParser.parse(
            "<rss><channel><title>caf&eacute; &mdash; &nbsp;x &unknownthing;</title></channel></rss>".bytes)
        #expect(feed.title == "café — \u{00A0}x &unknownthing;")
        #expect(!feed.partial)
    }

    @Test(
        "A feed after something else (a PHP warning, a stray line) is read, and the skip is said",
        arguments: [
            "<br />\n<b>Warning</b>:  Cannot modify header information in <b>/var/www/feed.php</b><br />\n",
            "Notice: Undefined index: id in /var/www/rss.php on line 4\n",
            "garbage",
        ])
    func feedAfterJunk(junk: String) throws {
        let doc =
            junk + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>Attack in Kirkuk</title></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.items.first?.title == "Attack in Kirkuk")
        #expect(feed.partial)
        #expect(
            feed.warnings.contains { $0.contains("\(junk.utf8.count) bytes before the feed skipped") },
            "\(feed.warnings)")
    }

    @Test("An HTML page is still not a feed, whatever it mentions")
    func htmlPageMentioningFeeds() {
        let page =
            "<!DOCTYPE html><html><body><p>Subscribe: <a href=\"/rss\">rss</a></p><pre>&lt;rss&gt;</pre></body></html>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(page.bytes) }
        #expect(error?.kind == .notAFeed)
    }

    @Test("Junk before the root still fails cleanly or recovers, never crashes")
    func junkBefore() {
        do {
            let feed = try FeedParser.parse("garbage<rss><channel><title>x</title></channel></rss>".bytes)
            #expect(feed.partial)
        } catch {
            #expect(error.kind == .malformed)
        }
    }

    @Test("Nothing recoverable is a malformed error")
    func nothing() {
        let error = #expect(throws: ParseError.self) { try FeedParser.parse("<<<>>>".bytes) }
        #expect(error?.kind == .malformed)
    }
}
