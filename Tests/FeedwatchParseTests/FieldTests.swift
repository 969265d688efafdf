import FeedwatchModel
import FeedwatchParse
import Foundation
import Testing

@Suite("Fields per format")
struct FieldTests {
    @Test("RSS 2.0: every field, namespaces, links resolved against the feed URL")
    func rss20() throws {
        let feed = try Fixture.parse("rss20.xml", url: "https://kirkuk.example/feed.xml")
        #expect(feed.title == "Kirkuk Now")  // not the <image> title
        #expect(feed.link == "https://kirkuk.example/")
        #expect(feed.refreshHint == 1800)  // hourly, twice
        let first = try #require(feed.items.first)
        #expect(first.id == "kirkuk-1")
        #expect(first.title == "Attack near Daquq & Kirkuk")
        #expect(first.link == "https://kirkuk.example/news/1?a=1&b=2")
        #expect(first.published == utc("2024-03-05T05:30:00Z"))
        #expect(first.authors == ["Reporter One"])
        #expect(first.categories == ["Security", "Iraq"])
        #expect(first.summary == "Gunmen attacked a checkpoint.")
        #expect(first.summaryHTML?.contains("<script>") == true)
        #expect(first.content == "Full story from Kirkuk.")
        #expect(first.contentHTML?.hasPrefix("<div>") == true)
        #expect(first.enclosures == [Enclosure(url: "https://kirkuk.example/a.jpg", type: "image/jpeg", length: 1024)])
        #expect(first.geo == GeoPoint(latitude: 35.4681, longitude: 44.3922))
    }

    @Test("RSS 2.0: id falls back to a hash of title and date; a permalink guid is the link")
    func rss20Fallbacks() throws {
        let feed = try Fixture.parse("rss20.xml")
        #expect(feed.items.count == 3)
        let second = feed.items[1]
        #expect(second.title == "كركوك: no link, no guid")
        #expect(second.link == nil)
        #expect(second.id.hasPrefix("sha256:") && second.id.count == 71)
        #expect(second.published == utc("2024-03-04T10:00:00Z"))  // dc:date
        #expect(second.id == (try Fixture.parse("rss20.xml")).items[1].id)  // stable
        let third = feed.items[2]
        #expect(third.link == "https://kirkuk.example/news/3")
        #expect(third.enclosures.first?.url == "https://kirkuk.example/v.mp4")
        #expect(third.geo == GeoPoint(latitude: 36.34, longitude: 43.13))
        #expect(third.published == nil)
    }

    @Test("Atom 1.0: xml:base, typed text, XHTML content, inherited author, source skipped")
    func atom10() throws {
        let feed = try Fixture.parse("atom10.xml", url: "https://elsewhere.example/feed")
        #expect(feed.title == "Mosul Daily")
        #expect(feed.link == "https://mosul.example/")
        let first = try #require(feed.items.first)
        #expect(first.id == "tag:mosul.example,2024:1")
        #expect(first.title == "Peshmerga and PMF talks")
        #expect(first.link == "https://mosul.example/blog/posts/1")
        #expect(
            first.enclosures == [
                Enclosure(url: "https://mosul.example/blog/audio/1.mp3", type: "audio/mpeg", length: 42)
            ])
        #expect(first.published == utc("2024-03-05T06:00:00Z"))
        #expect(first.updated == utc("2024-03-05T10:30:00Z"))
        #expect(first.authors == ["Ali (ali@example.org)"])
        #expect(first.categories == ["politics"])
        #expect(first.summary == "Short & plain")
        #expect(first.content == "Talks in Mosul continued")
        #expect(first.contentHTML?.contains("<b>Mosul</b>") == true)
        let second = feed.items[1]
        #expect(second.link == "https://other.example/x/y")
        #expect(second.authors == ["Desk"])
        #expect(second.content == "HTML & entities é")
    }

    @Test("RSS 1.0 and Atom 0.3 fields")
    func olderFormats() throws {
        let rdf = try Fixture.parse("rss10.xml")
        #expect(rdf.title == "RDF Site")
        #expect(rdf.items.first?.id == "https://rdf.example/1")
        #expect(rdf.items.first?.published == utc("2024-03-01T11:00:00Z"))
        #expect(rdf.items.first?.authors == ["Someone"])
        let atom03 = try Fixture.parse("atom03.xml")
        #expect(atom03.link == "https://old.example/")
        #expect(atom03.items.first?.published == utc("2004-01-01T19:48:21Z"))
        #expect(atom03.items.first?.updated == utc("2004-01-02T19:48:21Z"))
        #expect(atom03.items.first?.content == "Escaped HTML")
        let rss091 = try Fixture.parse("rss091.xml")
        let hint = try #require(rss091.refreshHint)
        #expect(hint == 2_700, "\(hint)")
        #expect(rss091.items.first?.id == "http://old.example/a")
    }

    @Test("JSON Feed fields")
    func jsonFeed() throws {
        let feed = try Fixture.parse("feed.json")
        let item = try #require(feed.items.first)
        #expect(feed.title == "JSON Feed")
        #expect(item.id == "1")
        #expect(item.content == "Hello Kirkuk")
        #expect(item.authors == ["J"])
        #expect(item.categories == ["a", "b"])
        #expect(item.published == utc("2024-03-05T08:00:00Z"))
        #expect(item.enclosures.first?.length == 5)
    }

    @Test(
        "HTML to text: entities decoded, script and style dropped, whitespace collapsed, blocks separated",
        arguments: [
            ("&lt;p&gt;a&lt;/p&gt;&lt;p&gt;b&lt;/p&gt;", "a b"),
            ("x &amp;amp; y &amp;eacute; &amp;#x41;", "x & y é A"),
            ("&lt;script&gt;var a = '&lt;/p&gt;';&lt;/script&gt;visible", "visible"),
            ("&lt;style&gt;p { color: red }&lt;/style&gt;  spaced \n\t out  ", "spaced out"),
            ("line&lt;br&gt;break", "line break"),
            ("&lt;!-- unclosed comment", ""),
            ("AT&amp;T &lt; 5", "AT&T < 5"),
        ])
    func htmlToText(escaped: String, text: String) throws {
        let doc = "<rss><channel><item><title>t</title><description>\(escaped)</description></item></channel></rss>"
        #expect(try FeedParser.parse(doc.bytes).items.first?.summary == (text.isEmpty ? nil : text))
    }

    @Test("Many items with HTML each keep their own text (one HTML parse per feed, markers intact)")
    func batchedHTML() throws {
        var doc = "<rss><channel>"
        for i in 0..<50 {
            let extra = i == 7 ? "&lt;!-- never closed" : (i == 9 ? "&lt;script&gt;open" : "")
            doc += "<item><title>t\(i)</title><description>&lt;b&gt;item \(i)&lt;/b&gt;\(extra)</description></item>"
        }
        doc += "</channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.items.count == 50)
        for (i, item) in feed.items.enumerated() {
            #expect(item.summary == "item \(i)")
        }
    }
}
