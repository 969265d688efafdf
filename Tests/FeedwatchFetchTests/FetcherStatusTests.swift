import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

@Suite("Classifying what the server answered")
struct FetcherStatusTests {
    @Test(arguments: [
        (404, FetchError.Kind.httpStatus),
        (500, .httpStatus),
        (403, .httpStatus),
        (410, .gone),
        (429, .rateLimited),
        (503, .httpStatus),
    ])
    func anErrorStatusIsClassified(status: Int, kind: FetchError.Kind) async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", .text("no\n", status: status))
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == kind)
        #expect(error.status == status)
    }

    static let challengePage = """
        <!DOCTYPE html><html><head><title>Just a moment...</title></head>
        <body><div id="cf-chl-widget">Checking your browser</div></body></html>
        """

    @Test(arguments: [403, 503])
    func aChallengePageIsABotWall(status: Int) async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", .text(Self.challengePage, status: status, contentType: "text/html"))
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .botWall)
        #expect(error.status == status)
    }

    /// RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP date; both are honoured, and clamped to [1 s, 24 h].
    @Test(arguments: [429, 503])
    func retryAfterInSecondsIsReported(status: Int) async throws {
        let error = try await retryAfterError(status: status, value: "120")
        #expect(error.retryAfter == 120)
    }

    @Test(arguments: [429, 503])
    func retryAfterAsAnHTTPDateIsReportedAsSecondsFromNow(status: Int) async throws {
        let error = try await retryAfterError(
            status: status, value: HTTPDate.string(from: Date().addingTimeInterval(3600)))
        let seconds = try #require(error.retryAfter)
        #expect((3000...3601).contains(seconds))
    }

    @Test(arguments: [
        ("999999999", 86_400.0),
        ("Fri, 01 Jan 2037 00:00:00 GMT", 86_400),
        ("0", 1),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 1),
    ])
    func anAbsurdRetryAfterIsClamped(value: String, expected: TimeInterval) async throws {
        let error = try await retryAfterError(status: 429, value: value)
        #expect(error.retryAfter == expected)
    }

    @Test func anUnreadableRetryAfterIsIgnored() async throws {
        let error = try await retryAfterError(status: 429, value: "soon")
        #expect(error.retryAfter == nil)
        #expect(error.kind == .rateLimited)
    }

    private func retryAfterError(status: Int, value: String) async throws -> FetchError {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(status: status, headers: [("Retry-After", value)]))
        let fetcher = Fetcher(limits: quickLimits)
        return try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)
    }

    /// RFC 9111 §5.2.2.1 and §5.3: max-age wins over Expires; Expires counts from the server's Date.
    @Test(
        arguments: [
            ([("Cache-Control", "public, max-age=600")], 600.0 as TimeInterval?),
            ([("Cache-Control", "max-age=60"), ("Expires", "Thu, 01 Dec 2094 16:00:00 GMT")], 60),
            ([("Date", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Expires", "Sun, 06 Nov 1994 09:49:37 GMT")], 3600),
            ([("Expires", "0")], 0),
            ([], nil),
        ] as [([(String, String)], TimeInterval?)])
    func freshnessComesFromCacheControlOrExpires(headers: [(String, String)], expected: TimeInterval?) async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(headers: headers.map { ($0.0, $0.1) }, body: sampleFeed))
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).response)

        #expect(response.freshFor == expected)
    }
}
