import FeedwatchModel
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchParse

/// Hostile documents (FACTS.md, libxml2 section): each is an error for that feed or a bounded
/// result — never a crash, a hang, a file read, a network request or an unbounded allocation.
/// Big documents are generated here, not committed.
@Suite("Hostile input")
struct HostileInputTests {
    /// A file whose content must never appear in any parse result.
    static func secretFile() throws -> (url: URL, marker: String) {
        let marker = "SECRET-\(UUID().uuidString)"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-secret-\(UUID().uuidString).txt")
        try Data(marker.utf8).write(to: url)
        return (url, marker)
    }

    static func everyText(_ feed: ParsedFeed) -> String {
        ([feed.title, feed.link] + feed.items.flatMap { [$0.title, $0.summary, $0.content, $0.link, $0.id] })
            .compactMap { $0 }.joined(separator: "\n")
    }

    @Test("Billion laughs: nested entity expansion stops at the budget with a too-large error")
    func billionLaughs() {
        var doc = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">"
        doc += "<!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">"
        for i in 2...9 { doc += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        doc += "]><rss><channel><title>&lol9;</title></channel></rss>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(doc.bytes) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("Quadratic blowup: one big entity referenced many times stops at the budget")
    func quadraticBlowup() {
        let big = String(repeating: "a", count: 50_000)
        let refs = String(repeating: "&big;", count: 10_000)
        let doc = "<!DOCTYPE rss [<!ENTITY big \"\(big)\">]><rss><channel><title>\(refs)</title></channel></rss>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(doc.bytes) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("A small internal entity is still expanded")
    func smallInternalEntity() throws {
        let doc = "<!DOCTYPE rss [<!ENTITY place \"Kirkuk\">]><rss><channel><title>in &place;</title></channel></rss>"
        #expect(try FeedParser.parse(doc.bytes).title == "in Kirkuk")
    }

    @Test("External entity to a local file: the file is never read")
    func externalEntityFile() throws {
        let (url, marker) = try Self.secretFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let doc = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "\(url.absoluteString)">]>
            <rss><channel><title>x &xxe; y</title><item><title>&xxe;</title></item></channel></rss>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(!Self.everyText(feed).contains(marker))
        #expect(feed.title == "x &xxe; y")
        let plainPath = doc.replacingOccurrences(of: url.absoluteString, with: url.path)
        #expect(!Self.everyText(try FeedParser.parse(plainPath.bytes)).contains(marker))
    }

    @Test("External entity to a loopback URL: nothing is fetched, nothing arrives")
    func externalEntityURL() throws {
        // Port 9 (discard) on loopback: nothing listens, and nothing may be asked.
        let doc = """
            <!DOCTYPE rss [<!ENTITY remote SYSTEM "http://127.0.0.1:9/secret.txt">]>
            <rss><channel><title>before&remote;after</title></channel></rss>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.title == "before&remote;after" || feed.title == "beforeafter")
    }

    @Test("External DTD: never loaded, its entities never defined")
    func externalDTD() throws {
        let (secret, marker) = try Self.secretFile()
        defer { try? FileManager.default.removeItem(at: secret) }
        let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-\(UUID().uuidString).dtd")
        try Data("<!ENTITY leak SYSTEM \"\(secret.absoluteString)\"><!ENTITY word \"\(marker)\">".utf8).write(to: dtd)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let doc =
            "<!DOCTYPE rss SYSTEM \"\(dtd.absoluteString)\"><rss><channel><title>a&leak;&word;b</title></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(!Self.everyText(feed).contains(marker))
    }

    @Test("XInclude is not processed")
    func xinclude() throws {
        let (url, marker) = try Self.secretFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let doc = """
            <rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>t</title><item><title>a</title>
            <description><xi:include href="\(url.absoluteString)" parse="text"/></description></item></channel></rss>
            """
        let feed = try FeedParser.parse(doc.bytes)
        #expect(!Self.everyText(feed).contains(marker))
    }

    @Test("100,000 attributes on one element is a too-large error, refused before libxml2 works on it")
    func manyAttributes() {
        var doc = "<rss><channel><item"
        for i in 0..<100_000 { doc += " a\(i)=\"\"" }
        doc += "><title>x</title></item></channel></rss>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(doc.bytes) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("5,000-deep nesting is a too-large error")
    func deepNesting() {
        let doc =
            "<rss><channel><item>" + String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000)
            + "</item></channel></rss>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(doc.bytes) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("A 20 MB text node is cut at the per-item cap, with a warning")
    func hugeTextNode() throws {
        var doc = "<rss><channel><title>t</title><item><title>big</title><description>".bytes
        doc += [UInt8](repeating: 0x61, count: 20 << 20)
        doc += "</description></item><item><title>after</title></item></channel></rss>".bytes
        let feed = try FeedParser.parse(doc)
        #expect(feed.items.count == 2)
        let summary = try #require(feed.items.first?.summary)
        #expect(summary.utf8.count <= ParseLimits.default.maxTextBytesPerItem)
        #expect(feed.warnings.contains { $0.contains("cut at") })
        #expect(feed.items.last?.title == "after")
    }

    @Test("The per-item text cap is shared by the item's fields, counts entity text, and starts anew per item")
    func itemTextCapAcrossFields() throws {
        var limits = ParseLimits()
        limits.maxTextBytesPerItem = 100
        let title = String(repeating: "t", count: 60)
        // Eighty bytes of description text, delivered in pieces (each entity is a callback of its own).
        let description = String(repeating: "d&amp;", count: 40)
        let doc =
            "<rss><channel><title>f</title>"
            + "<item><title>\(title)</title><description>\(description)</description></item>"
            + "<item><title>\(title)</title><description>short</description></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes, limits: limits)
        #expect(feed.items.count == 2)
        #expect(feed.items[0].title == title)
        #expect(feed.items[0].summaryHTML == String(repeating: "d&", count: 20))  // the 40 bytes left
        #expect(feed.items[1].summary == "short")
        #expect(feed.warnings.contains { $0.contains("1 item(s) cut at 100 bytes") })
    }

    @Test("A document over the document cap is refused without parsing")
    func documentCap() {
        var limits = ParseLimits()
        limits.maxDocumentBytes = 1_000
        let doc = "<rss><channel><title>" + String(repeating: "x", count: 2_000) + "</title></channel></rss>"
        let error = #expect(throws: ParseError.self) { try FeedParser.parse(doc.bytes, limits: limits) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("Bare ampersands by the million: read again escaped within the document cap, else as libxml2 recovered them")
    func bareAmpersandFlood() throws {
        let flood = String(repeating: "& ", count: 1_000_000)
        let doc = "<rss><channel><title>t</title><item><title>Kirkuk " + flood + "</title></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.partial)
        #expect(feed.items.first?.title?.hasPrefix("Kirkuk & & ") == true)
        #expect(feed.items.first?.title?.utf8.count ?? .max <= ParseLimits.default.maxTextBytesPerItem)

        // Escaped, the document would pass the cap: the first reading stands.
        var limits = ParseLimits()
        limits.maxDocumentBytes = doc.utf8.count + 1_000
        let capped = try FeedParser.parse(doc.bytes, limits: limits)
        #expect(capped.partial)
        #expect(capped.items.first?.title?.hasPrefix("Kirkuk") == true)
        #expect(!capped.warnings.contains { $0.contains("bare") })
    }

    @Test("Bare < and NUL bytes by the million: mended in one linear pass, the items kept")
    func lessThanAndNulFlood() throws {
        let flood = String(repeating: "< \u{0}", count: 1_000_000)
        let doc =
            "<rss><channel><title>t</title><item><title>Kirkuk " + flood + "</title></item>"
            + "<item><title>Daquq</title></item></channel></rss>"
        let feed = try FeedParser.parse(doc.bytes)
        #expect(feed.partial)
        #expect(feed.items.count == 2)
        #expect(feed.items.first?.title?.hasPrefix("Kirkuk < < ") == true)
        #expect(feed.items.last?.title == "Daquq")
        #expect(
            feed.warnings.contains { $0.contains("1000000 bare '<' read as '&lt;', 1000000 NUL bytes dropped") },
            "\(feed.warnings)")
    }

    @Test("Items past the item cap are dropped with a warning")
    func itemCap() throws {
        var limits = ParseLimits()
        limits.maxItems = 3
        let doc = "<rss><channel>" + String(repeating: "<item><title>i</title></item>", count: 10) + "</channel></rss>"
        let feed = try FeedParser.parse(doc.bytes, limits: limits)
        #expect(feed.items.count == 3)
        #expect(feed.warnings.contains { $0.contains("dropped") })
    }

    @Test("C1 controls and bidi overrides in titles arrive intact (sanitizing is the output's job)")
    func controlsArriveIntact() throws {
        let title = "evil\u{0085}\u{009B}31m \u{202E}txt.exe\u{2066}"
        let doc = "<rss><channel><item><title>\(title)</title></item></channel></rss>"
        #expect(try FeedParser.parse(doc.bytes).items.first?.title == title)
    }

    @Test("Parsing from many tasks at once gives the same results")
    func concurrentParses() async throws {
        let bytes = try Fixture.bytes("atom10.xml")
        let expected = try FeedParser.parse(bytes)
        let results = await withTaskGroup(of: ParsedFeed?.self) { group in
            for _ in 0..<16 { group.addTask { try? FeedParser.parse(bytes) } }
            var all: [ParsedFeed?] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }
}

@Suite("The long-start-tag check")
struct OversizedTagTests {
    /// The windowed scan gives the tag-by-tag check's answer: random documents with long and short
    /// tags, attribute-heavy or not, text with stray `>`, at every kind of offset.
    @Test func windowedScanAgreesWithTagByTag() {
        var random = SeededRandomNumberGenerator(seed: 1_016)
        var refused = 0
        for _ in 0..<200 {
            var doc = ""
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                switch Int.random(in: 0..<5, using: &random) {
                case 0: doc += String(repeating: "text > more ", count: Int.random(in: 0...3_000, using: &random))
                case 1:
                    doc +=
                        "<item " + String(repeating: "a=\"\" ", count: Int.random(in: 0...6_000, using: &random)) + ">"
                case 2:
                    doc +=
                        "<x " + String(repeating: "long text ", count: Int.random(in: 0...3_000, using: &random)) + "/>"
                case 3: doc += "<title>Kirkuk</title>"
                default: doc += String(repeating: "y", count: Int.random(in: 0...20_000, using: &random))
                }
            }
            let bytes = Array(doc.utf8)
            bytes.withUnsafeBufferPointer { p in
                let windowed = DocumentSniffer.oversizedTag(p, maxAttributes: 1_000)
                #expect(windowed == DocumentSniffer.oversizedTagByTag(p, maxAttributes: 1_000))
                if windowed != nil { refused += 1 }
            }
        }
        #expect(refused > 20 && refused < 180, "both answers must occur: \(refused) refused")
    }
}
