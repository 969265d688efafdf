import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

@Suite("Fetching a feed, and fetching it again with its validators")
struct FetcherConditionalGETTests {
    @Test func aFirstFetchReturnsTheBodyAndBothValidators() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).response)

        let validators = try #require(server.validators(path: "/feed.xml"))
        #expect(response.status == 200)
        #expect(response.body == sampleFeed)
        #expect(response.etag == validators.etag)
        #expect(response.lastModified == validators.lastModified)
        #expect(response.contentType == "application/rss+xml; charset=utf-8")
        #expect(response.charset == "utf-8")
        #expect(response.effectiveURL == server.url("/feed.xml"))
        #expect(response.permanentRedirect == nil)
        let sent = try #require(server.requests("/feed.xml").first)
        #expect(sent.header("user-agent") == quickLimits.userAgent)
        #expect(sent.header("if-none-match") == nil)
        #expect(sent.header("accept-encoding")?.contains("gzip") == true)
    }

    /// RFC 9110 §13.1.2: a matching If-None-Match means 304, whatever the date says.
    @Test func aMatchingETagAloneGivesNotModified() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)
        let etag = try #require(server.validators(path: "/feed.xml")?.etag)

        let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), etag: etag))

        let response = try #require(outcome.unchanged)
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.etag == etag)
        #expect(server.requests("/feed.xml").last?.header("if-none-match") == etag)
        #expect(server.requests("/feed.xml").last?.header("if-modified-since") == nil)
    }

    /// RFC 9110 §13.1.3: If-Modified-Since, without an ETag, decides alone.
    @Test func aMatchingLastModifiedAloneGivesNotModified() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)
        let lastModified = try #require(server.validators(path: "/feed.xml")?.lastModified)

        let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), lastModified: lastModified))

        #expect(outcome.unchanged?.lastModified == lastModified)
        #expect(server.requests("/feed.xml").last?.header("if-modified-since") == lastModified)
    }

    @Test func aChangedFeedIsFetchedAgainDespiteOldValidators() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)
        let old = try #require(server.validators(path: "/feed.xml"))
        server.change(path: "/feed.xml", body: Array("<rss version=\"2.0\"/>".utf8))

        let outcome = await fetcher.fetch(
            FetchRequest(url: server.url("/feed.xml"), etag: old.etag, lastModified: old.lastModified))

        let response = try #require(outcome.response)
        #expect(response.body == Array("<rss version=\"2.0\"/>".utf8))
        #expect(response.etag != old.etag)
        #expect(response.etag == server.validators(path: "/feed.xml")?.etag)
    }

    @Test func aValidatorWithALineBreakCannotInjectAHeader() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)

        _ = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), etag: "\"x\"\r\nX-Injected: 1"))

        let sent = try #require(server.requests("/feed.xml").last)
        #expect(sent.header("x-injected") == nil)
    }
}
