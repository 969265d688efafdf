import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Testing

/// The body as it arrives: what lets the daemon parse a feed while it downloads.
@Suite("Seeing the body while it arrives")
struct BodyObserverTests {
    final class Recorder: BodyObserver, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var starts: [(status: Int, url: String, contentType: String?)] = []
        private(set) var chunks: [[UInt8]] = []
        /// Bytes of the current body seen so far, and whether every call said so.
        private var bodySoFar = 0
        private(set) var offsetsAgreed = true

        func bodyStarts(status: Int, url: String, contentType: String?) {
            lock.withLock {
                starts.append((status, url, contentType))
                bodySoFar = 0
            }
        }

        func bodyReceived(_ body: UnsafeRawBufferPointer, newFrom start: Int) {
            lock.withLock {
                offsetsAgreed = offsetsAgreed && start == bodySoFar
                bodySoFar = body.count
                chunks.append([UInt8](body[start...]))
            }
        }
    }

    @Test func aChunkedBodyArrivesInPiecesThatMakeUpTheResponse() async throws {
        let server = try LoopbackHTTPServer()
        let body = Array(String(repeating: "<item><title>Kirkuk</title></item>\n", count: 2_000).utf8)
        server.serve(
            "/feed.xml",
            LoopbackResponse(
                headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: body,
                behaviour: .chunked(chunkSize: 4_096)))
        let recorder = Recorder()

        let response = try #require(
            await Fetcher(limits: quickLimits).fetch(FetchRequest(url: server.url("/feed.xml")), observer: recorder)
                .response)

        #expect(recorder.chunks.count > 1)
        #expect(recorder.offsetsAgreed)
        #expect(Array(recorder.chunks.joined()) == response.body)
        #expect(recorder.starts.count == 1)
        #expect(recorder.starts.first?.status == 200)
        #expect(recorder.starts.first?.url == response.effectiveURL)
        #expect(recorder.starts.first?.contentType == "application/rss+xml; charset=utf-8")
        #expect(FetchResponse.charset(ofContentType: recorder.starts.first?.contentType) == "utf-8")
    }

    @Test func eachResponseBodyOfARedirectChainStartsAgainAtItsOwnURL() async throws {
        let server = try LoopbackHTTPServer()
        server.serve(
            "/old", LoopbackResponse(status: 301, headers: [("Location", "/feed.xml")], body: Array("moved".utf8)))
        server.serveFeed("/feed.xml", body: sampleFeed)
        let recorder = Recorder()

        let response = try #require(
            await Fetcher(limits: quickLimits).fetch(FetchRequest(url: server.url("/old")), observer: recorder).response
        )

        #expect(response.body == sampleFeed)
        // curl may or may not hand over the redirect's own body; the last body seen is the feed's.
        #expect(recorder.starts.last?.status == 200)
        #expect(recorder.starts.last?.url == server.url("/feed.xml"))
    }
}
