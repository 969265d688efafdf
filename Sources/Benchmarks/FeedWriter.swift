/// Writes generated items as an RSS 2.0 or Atom 1.0 document, straight into bytes.
struct FeedWriter {
    enum Format: String, Sendable {
        case rss = "rss2.0"
        case atom = "atom1.0"

        /// Three feeds in five are RSS, the rest Atom, as on the open web.
        static func of(feed: Int) -> Format { feed % 5 < 3 ? .rss : .atom }
    }

    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    static func document(feed: Int, version: Int, items: [CorpusItem], updated: Int) -> [UInt8] {
        var writer = FeedWriter(capacity: items.count * 1700 + 1024)
        let host = "news-\(pad(feed, 5)).example"
        switch Format.of(feed: feed) {
        case .rss: writer.rss(host: host, feed: feed, items: items, updated: updated)
        case .atom: writer.atom(host: host, feed: feed, items: items, updated: updated)
        }
        return writer.bytes
    }

    private mutating func rss(host: String, feed: Int, items: [CorpusItem], updated: Int) {
        raw(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>
            """)
        text("Regional News \(feed) — Iraq & the Kurdistan Region")
        raw("</title>\n<link>https://\(host)/</link>\n<description>")
        text("Latest reports from our correspondents")
        raw("</description>\n<language>en</language>\n<lastBuildDate>\(CivilTime(updated).rfc822)</lastBuildDate>\n")
        raw("<atom:link href=\"https://\(host)/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n")
        for (index, item) in items.enumerated() {
            raw("<item>\n<title>")
            text(item.title)
            raw("</title>\n<link>")
            text(item.link)
            raw("</link>\n<guid isPermaLink=\"false\">")
            text(item.guid)
            raw("</guid>\n<pubDate>\(CivilTime(item.published).rfc822)</pubDate>\n<dc:creator>")
            text(item.author)
            raw("</dc:creator>\n")
            for category in item.categories {
                raw("<category>")
                text(category)
                raw("</category>\n")
            }
            // Half the feeds put the HTML in CDATA, half escape it: both are common.
            if (index + feed) % 2 == 0 {
                raw("<description><![CDATA[")
                raw(item.html)
                raw("]]></description>\n</item>\n")
            } else {
                raw("<description>")
                text(item.html)
                raw("</description>\n</item>\n")
            }
        }
        raw("</channel>\n</rss>\n")
    }

    private mutating func atom(host: String, feed: Int, items: [CorpusItem], updated: Int) {
        raw(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
        )
        raw("<title>")
        text("Regional News \(feed) — Iraq & the Kurdistan Region")
        raw("</title>\n<id>tag:\(host),2026:feed</id>\n<updated>\(CivilTime(updated).rfc3339)</updated>\n")
        raw(
            "<link rel=\"alternate\" href=\"https://\(host)/\"/>\n<link rel=\"self\" href=\"https://\(host)/atom.xml\"/>\n"
        )
        for item in items {
            raw("<entry>\n<title type=\"text\">")
            text(item.title)
            raw("</title>\n<id>tag:")
            text(item.guid)
            raw("</id>\n<link rel=\"alternate\" href=\"")
            text(item.link)
            let stamp = CivilTime(item.published).rfc3339
            raw("\"/>\n<published>\(stamp)</published>\n<updated>\(stamp)</updated>\n<author><name>")
            text(item.author)
            raw("</name></author>\n")
            for category in item.categories {
                raw("<category term=\"")
                text(category)
                raw("\"/>\n")
            }
            raw("<summary type=\"html\">")
            text(item.html)
            raw("</summary>\n</entry>\n")
        }
        raw("</feed>\n")
    }

    private mutating func raw(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// XML character data: `&`, `<`, `>` and `"` escaped.
    private mutating func text(_ string: String) {
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            default: bytes.append(byte)
            }
        }
    }
}
