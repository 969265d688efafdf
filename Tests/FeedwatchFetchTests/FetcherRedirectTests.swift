import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

@Suite("Following redirects, within bounds and only to http or https")
struct FetcherRedirectTests {
    @Test func aChainOfRedirectsEndsAtTheFeed() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/a", .redirect(to: "/b", status: 302))
        server.serve("/b", .redirect(to: server.url("/c"), status: 307))
        server.serve("/c", .redirect(to: "feed.xml", status: 303))
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/a"))).response)

        #expect(response.body == sampleFeed)
        #expect(response.effectiveURL == server.url("/feed.xml"))
        #expect(response.permanentRedirect == nil)
        #expect(response.etag == server.validators(path: "/feed.xml")?.etag)
    }

    /// The stored URL may move only along permanent redirects (RFC 9110 §15.4.2, §15.4.9); a temporary hop ends
    /// what may be stored.
    @Test(
        arguments: [
            ([301, 308], "/feed.xml"),
            ([308], "/feed.xml"),
            ([301, 302], "/hop1"),
            ([302, 301], nil),
        ] as [([Int], String?)])
    func aPermanentRedirectIsReportedUpToTheFirstTemporaryHop(statuses: [Int], expected: String?) async throws {
        let server = try LoopbackHTTPServer()
        for (index, status) in statuses.enumerated() {
            let from = index == 0 ? "/start" : "/hop\(index)"
            let to = index == statuses.count - 1 ? "/feed.xml" : "/hop\(index + 1)"
            server.serve(from, .redirect(to: to, status: status))
        }
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/start"))).response)

        #expect(response.permanentRedirect == expected.map(server.url))
    }

    @Test func aRedirectLoopIsARedirectError() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/ping", .redirect(to: "/pong"))
        server.serve("/pong", .redirect(to: "/ping"))
        let fetcher = Fetcher(limits: quickLimits)

        let outcome = await fetcher.fetch(FetchRequest(url: server.url("/ping")))

        #expect(outcome.error?.kind == .redirect)
        // maxRedirects (5) followed, then stopped: 6 requests in all.
        #expect(server.hits("/ping") + server.hits("/pong") == quickLimits.maxRedirects + 1)
    }

    @Test(arguments: [
        "ftp://127.0.0.1:1/feed.xml", "file:///etc/passwd", "gopher://127.0.0.1:1/feed", "dict://127.0.0.1:1/d",
    ])
    func aRedirectToAnotherProtocolIsRefused(location: String) async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", .redirect(to: location, status: 301))
        let fetcher = Fetcher(limits: quickLimits)

        let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))

        #expect(outcome.error?.kind == .redirect)
        #expect(outcome.response == nil)
    }

    @Test func aFileFeedDoesNotFollowAnything() async throws {
        // A file:// transfer allows only file, so no redirect or other scheme can be reached from it.
        let fetcher = Fetcher(limits: quickLimits)

        let outcome = await fetcher.fetch(FetchRequest(url: "file:///proc/self/nonexistent-feedwatch"))

        #expect(outcome.error?.kind == .file)
    }
}
