import FeedwatchModel
import FeedwatchOutput
import FeedwatchParse
import Foundation
import Testing

@Suite("The contract JSON of `feedwatch parse --json`")
struct ContractJSONTests {
    @Test("Has the contract keys in order, RFC 3339 UTC dates, nulls for absent values")
    func shape() throws {
        let feed = try Fixture.parse("rss20.xml", url: "https://kirkuk.example/feed.xml")
        let json = feed.contractJSON(pretty: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Kirkuk Now")
        #expect(object["format"] as? String == "rss2.0")
        #expect(object["partial"] as? Bool == false)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect(items[0]["published"] as? String == "2024-03-05T05:30:00Z")
        #expect(items[0]["updated"] is NSNull)
        #expect(items[0]["authors"] as? [String] == ["Reporter One"])
        #expect((items[0]["geo"] as? [String: Any])?["lat"] as? Double == 35.4681)
        #expect(items[1]["link"] is NSNull)
        #expect(items[1]["geo"] is NSNull)
        for key in ["id", "title", "link", "published", "updated", "authors", "categories", "summary", "content"] {
            #expect(items[0].keys.contains(key), "missing \(key)")
        }
        let order = ["\"title\"", "\"link\"", "\"format\"", "\"items\""].compactMap { json.range(of: $0)?.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("Every string is sanitized: no C1, bidi override or line separator reaches the output")
    func sanitized() throws {
        let doc = "<rss><channel><item><title>a\u{009B}31m\u{202E}b\u{2028}c</title></item></channel></rss>"
        let json = try FeedParser.parse(doc.bytes).contractJSON(pretty: true)
        #expect(
            !json.unicodeScalars.contains {
                (0x80...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x2028
            })
        #expect(!json.contains("\\u009b"))
        #expect(json.contains("a›31m\u{FFFD}b\u{FFFD}c"))
    }
}
