import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

@Suite("Limits that keep a hostile or broken server from hanging or ballooning the fetcher")
struct FetcherLimitsTests {
    static var smallCap: FetchLimits {
        var limits = quickLimits
        limits.maxBodyBytes = 64 << 10
        return limits
    }

    @Test func aChunkedBodyPastTheCapIsTooLarge() async throws {
        let server = try LoopbackHTTPServer()
        server.serve(
            "/feed.xml",
            LoopbackResponse(body: [UInt8](repeating: 65, count: 1 << 20), behaviour: .chunked(chunkSize: 8192)))
        let fetcher = Fetcher(limits: Self.smallCap)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .tooLarge)
    }

    @Test func aDeclaredLengthPastTheCapIsTooLarge() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(body: [UInt8](repeating: 65, count: 1 << 20)))
        let fetcher = Fetcher(limits: Self.smallCap)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .tooLarge)
    }

    /// The cap counts decoded bytes: a few kilobytes of gzip that inflate to 8 MiB are stopped (FACTS.md).
    @Test func aSmallGzipThatExpandsPastTheCapIsTooLarge() async throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0x20, count: 8 << 20))
        #expect(bomb.count < Self.smallCap.maxBodyBytes)
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", .gzipEncoded(bomb))
        let fetcher = Fetcher(limits: Self.smallCap)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .tooLarge)
    }

    @Test func aGzipBodyIsDecoded() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", .gzipEncoded(try Gzip.compress(sampleFeed)))
        let fetcher = Fetcher(limits: quickLimits)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).response)

        #expect(response.body == sampleFeed)
    }

    @Test func aChunkedBodyUnderTheCapArrivesWhole() async throws {
        let body = [UInt8]((0..<50_000).map { UInt8(truncatingIfNeeded: $0) })
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(body: body, behaviour: .chunked(chunkSize: 1000)))
        let fetcher = Fetcher(limits: Self.smallCap)

        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).response)

        #expect(response.body == body)
    }

    @Test func headersPastTheCapAreTooLarge() async throws {
        var limits = quickLimits
        limits.maxHeaderBytes = 4096
        let headers = (0..<100).map { ("X-Padding-\($0)", String(repeating: "p", count: 60)) }
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(headers: headers, body: sampleFeed))
        let fetcher = Fetcher(limits: limits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .tooLarge)
    }

    @Test func aServerTricklingOneByteASecondIsAbortedAsTooSlow() async throws {
        var limits = quickLimits
        limits.lowSpeedBytes = 10
        limits.lowSpeedTime = 1
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(body: sampleFeed, behaviour: .trickle(interval: 0.5)))
        let fetcher = Fetcher(limits: limits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .timeout)
    }

    @Test func aServerThatAcceptsAndNeverAnswersTimesOut() async throws {
        var limits = quickLimits
        limits.totalTimeout = 1
        limits.lowSpeedTime = 30  // so that the total timeout is what fires
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(behaviour: .silent))
        let fetcher = Fetcher(limits: limits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .timeout)
    }

    @Test(arguments: [
        Array("SSH-2.0-OpenSSH_9.2\r\n\u{1}\u{2}\u{3}garbage".utf8),
        [UInt8](repeating: 0xFF, count: 300),
    ])
    func garbageInsteadOfHTTPIsAProtocolError(bytes: [UInt8]) async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(behaviour: .raw(bytes)))
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .protocolError)
    }

    @Test func aConnectionClosedMidBodyIsAProtocolError() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/feed.xml", LoopbackResponse(body: sampleFeed, behaviour: .closeMidBody(afterBytes: 20)))
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))).error)

        #expect(error.kind == .protocolError)
    }

    @Test func aClosedPortIsAConnectError() async throws {
        let server = try LoopbackHTTPServer()
        let url = server.url("/feed.xml")
        server.stop()
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: url)).error)

        #expect(error.kind == .connect)
    }

    /// A host label longer than DNS allows (63 bytes): the resolver refuses the name before
    /// any query leaves the machine, so the failure is a real resolver failure without network.
    @Test func aNameThatCannotResolveIsADNSError() async throws {
        let label = String(repeating: "a", count: 70)
        let fetcher = Fetcher(limits: quickLimits)

        let error = try #require(await fetcher.fetch(FetchRequest(url: "http://\(label).invalid/feed.xml")).error)

        #expect(error.kind == .dns)
        #expect(error.retryAfter == nil)
    }
}
