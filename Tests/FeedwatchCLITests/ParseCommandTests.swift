import FeedwatchTesting
import Foundation
import Testing

@Suite("feedwatch parse")
struct ParseCommandTests {
    @Test("an http URL is fetched over libcurl and printed in the contract's JSON form")
    func parseURL() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let seed = try Data(contentsOf: URL(fileURLWithPath: TestDirectory.repository + "/seeds/kirkuk-rss.xml"))
        server.serveFeed("/feed.xml", body: Array(seed))
        let result = try FeedwatchProcess.run(["parse", "--json", server.url("/feed.xml")])
        #expect(result.status == 0, "\(result.stderr)")
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(feed["format"] as? String == "rss2.0")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.count == 7)
        let first = try #require(items.first)
        for key in ["id", "title", "link", "published", "updated", "authors", "categories", "summary", "content"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["published"] as? String == "2016-10-21T03:40:00Z")
        #expect((first["summary"] as? String)?.contains("<") == false)
    }

    @Test("an unreachable URL exits 69 and a missing file 66, each with a message")
    func failures() throws {
        let refused = try FeedwatchProcess.run(["parse", "http://127.0.0.1:1/feed.xml"])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("connect"))
        let missing = try FeedwatchProcess.run(["parse", "/nonexistent/feed.xml"])
        #expect(missing.status == 66)
    }
}
