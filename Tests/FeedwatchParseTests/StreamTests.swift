import FeedwatchModel
import FeedwatchParse
import FeedwatchTesting
import Foundation
import Testing

/// `FeedParser.Stream`: a feed parsed as its bytes arrive gives what parsing it whole gives,
/// wherever the chunks are cut.
@Suite("Parsing while the body streams in")
struct StreamTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Documents of every kind the parser reads, some longer than the 4 KiB it holds before starting.
    static func documents() throws -> [(String, [UInt8])] {
        var documents: [(String, [UInt8])] = []
        for name in [
            "atom03.xml", "atom10.xml", "feed.json", "not-a-feed.html", "rss091.xml", "rss10.xml", "rss20.xml",
        ] {
            documents.append((name, try Fixture.bytes(name)))
        }
        for name in ["kirkuk-rss.xml", "kirkuk-atom.xml"] {
            let url = repoRoot.appendingPathComponent("seeds").appendingPathComponent(name)
            documents.append((name, [UInt8](try Data(contentsOf: url))))
        }
        var long = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Long</title>\n"
        for index in 0..<300 {
            long += "<item><title>Item \(index) in Kerkük &amp; Daquq</title><guid>id-\(index)</guid>"
            long +=
                "<description><![CDATA[<p>Story <b>\(index)</b> about داعش near كركوك.</p>]]></description></item>\n"
        }
        long += "</channel></rss>\n"
        documents.append(("long", Array(long.utf8)))
        var ampersands = "<rss version=\"2.0\"><channel><title>Q&A</title>\n"
        for index in 0..<200 {
            ampersands += "<item><title>Kirkuk & Mosul, AT&T \(index) < \(index + 1)</title>"
            ampersands += "<category domain=\"Kerk&uuml;k\">Kerk&uuml;k</category>"
            ampersands += "<link>http://example/?id=\(index)&lang=ar&x</link></item>\n"
        }
        documents.append(("bare & and <, HTML entities in attributes", Array((ampersands + "</channel></rss>\n").utf8)))
        let utf16 =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Ş</title>"
            + String(repeating: "<item><title>Mosul</title></item>", count: 200) + "</channel></rss>"
        documents.append(("utf16", [0xFF, 0xFE] + Array(utf16.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        return documents
    }

    static func streamed(_ bytes: [UInt8], random: inout SeededRandomNumberGenerator, url: String? = nil) -> Result<
        ParsedFeed, ParseError
    > {
        let stream = FeedParser.Stream(url: url)
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, Int.random(in: 1...3000, using: &random))
            bytes[offset..<(offset + length)].withUnsafeBufferPointer { stream.append($0) }
            offset += length
        }
        return Result(catching: { () throws(ParseError) -> ParsedFeed in try stream.finish(whole: bytes) })
    }

    @Test("any cut of the chunks gives the whole-document result")
    func chunkedEqualsWhole() throws {
        var random = SeededRandomNumberGenerator(seed: 20_161_020)
        for (name, bytes) in try Self.documents() {
            let whole = Result(catching: { () throws(ParseError) -> ParsedFeed in
                try FeedParser.parse(bytes, url: "https://example.org/feed")
            })
            for _ in 0..<8 {
                let streamed = Self.streamed(bytes, random: &random, url: "https://example.org/feed")
                #expect(streamed == whole, "\(name)")
            }
        }
    }

    @Test("a start tag with too many attributes is refused even when cut across chunks")
    func oversizedTagAcrossChunks() {
        let attributes = (0..<120_000).map { "a\($0)=\"\"" }.joined(separator: " ")
        let bytes = Array(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item \(attributes)/></channel></rss>".utf8)
        var random = SeededRandomNumberGenerator(seed: 7)
        let result = Self.streamed(bytes, random: &random)
        #expect(throws: ParseError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.kind == .tooLarge) }
    }

    @Test("a restart forgets a redirect's body")
    func restartForgetsEarlierBytes() throws {
        let feed = try Fixture.bytes("rss20.xml")
        let stream = FeedParser.Stream()
        Array("<html><body>Moved <a href=\"/new\">here</a></body></html>".utf8).withUnsafeBufferPointer {
            stream.append($0)
        }
        stream.restart()
        feed.withUnsafeBufferPointer { stream.append($0) }
        #expect(try stream.finish(whole: feed) == FeedParser.parse(feed))
    }
}
