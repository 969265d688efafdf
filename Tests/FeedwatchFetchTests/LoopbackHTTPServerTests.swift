import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

/// The test server is used by every other test target, so it gets tests of its own (through the real Fetcher).
@Suite("The loopback HTTP server")
struct LoopbackHTTPServerTests {
    @Test func anUnknownPathIsNotFoundAndCounted() async throws {
        let server = try LoopbackHTTPServer()
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/nothing?x=1"))).error)

        #expect(error.status == 404)
        #expect(server.hits("/nothing") == 1)
        #expect(server.requests.first?.target == "/nothing?x=1")
        #expect(server.requests.first?.method == "GET")
    }

    @Test func aRouteSeesTheRequestHeaders() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/echo") { request in .text(request.header("If-None-Match") ?? "none") }
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(
            await fetcher.fetch(FetchRequest(url: server.url("/echo"), etag: "\"abc\"")).response)

        #expect(String(decoding: response.body, as: UTF8.self) == "\"abc\"")
    }

    @Test func stopEndsConnectionsHeldOpenAndRefusesNewOnes() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/hang", LoopbackResponse(behaviour: .silent))
        var limits = quickLimits
        limits.totalTimeout = 30
        limits.lowSpeedTime = 30
        let fetcher = Fetcher(limits: limits)

        async let outcome = fetcher.fetch(FetchRequest(url: server.url("/hang")))
        for _ in 0..<500 where server.hits("/hang") < 1 { try await Task.sleep(for: .milliseconds(10)) }
        server.stop()

        // The held connection was closed by stop(), not by a client timeout.
        #expect(await outcome.error?.kind == .protocolError)
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/hang"))).error?.kind == .connect)
        server.stop()  // a second stop is harmless
    }

    @Test func aDroppedServerStopsItself() async throws {
        var server: LoopbackHTTPServer? = try LoopbackHTTPServer()
        let url = try #require(server?.url("/x"))
        server?.serve("/x", .text("x"))
        server = nil

        let fetcher = Fetcher(limits: quickLimits)
        #expect(await fetcher.fetch(FetchRequest(url: url)).error?.kind == .connect)
    }

    @Test func changeMovesBothValidatorsOn() throws {
        let server = try LoopbackHTTPServer()
        server.serveFeeds(["/a.xml": [1], "/b.xml": [2]])
        let before = try #require(server.validators(path: "/a.xml"))
        let other = try #require(server.validators(path: "/b.xml"))

        server.change(path: "/a.xml", body: [3])

        let after = try #require(server.validators(path: "/a.xml"))
        #expect(after.etag != before.etag)
        #expect(HTTPDate.parse(after.lastModified)! > HTTPDate.parse(before.lastModified)!)
        #expect(server.validators(path: "/b.xml")! == other)
    }

    @Test func gzipOutputIsRealGzip() throws {
        let encoded = try Gzip.compress(Array("hello".utf8))
        #expect(Array(encoded.prefix(2)) == [0x1f, 0x8b])
    }

    /// A proxy from the limits is used: the server, acting as the proxy, sees the absolute-form target.
    @Test func aConfiguredProxyIsUsed() async throws {
        let proxy = try LoopbackHTTPServer()
        proxy.route("http://feeds.example.invalid/feed.xml") { _ in .text("<rss/>") }
        var limits = quickLimits
        limits.proxy = proxy.baseURL
        let fetcher = Fetcher(limits: limits)

        let response = try #require(
            await fetcher.fetch(FetchRequest(url: "http://feeds.example.invalid/feed.xml")).response)

        #expect(response.body == Array("<rss/>".utf8))
        #expect(proxy.requests.first?.header("host") == "feeds.example.invalid")
    }

    @Test func httpsToAPlainHTTPServerIsATLSError() async throws {
        let server = try LoopbackHTTPServer()
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(
            await fetcher.fetch(FetchRequest(url: "https://127.0.0.1:\(server.port)/feed.xml")).error)

        #expect(error.kind == .tls)
    }
}
