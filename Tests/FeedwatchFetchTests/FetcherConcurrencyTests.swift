import FeedwatchFetch
import FeedwatchTesting
import Foundation
import Synchronization
import Testing

@Suite("Many fetches at once, shutdown and cancellation")
struct FetcherConcurrencyTests {
    @Test func twoHundredConcurrentFetchesAllSucceed() async throws {
        let server = try LoopbackHTTPServer()
        let paths = (0..<200).map { "/feed\($0).xml" }
        server.serveFeeds(Dictionary(uniqueKeysWithValues: paths.map { ($0, sampleFeed + Array($0.utf8)) }))
        let fetcher = Fetcher(limits: quickLimits)

        let outcomes = await fetcher.fetchAll(paths.map { FetchRequest(url: server.url($0)) })

        for (path, outcome) in zip(paths, outcomes) {
            #expect(outcome.response?.body == sampleFeed + Array(path.utf8))
        }
        // Keep-alive: far fewer connections than requests.
        #expect(server.connectionsAccepted < 200)
    }

    @Test func aSecondFetchReusesTheConnection() async throws {
        let server = try LoopbackHTTPServer()
        server.serveFeed("/feed.xml", body: sampleFeed)
        let fetcher = Fetcher(limits: quickLimits)

        _ = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
        _ = await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))

        #expect(server.requests("/feed.xml").map(\.connectionRequestIndex) == [0, 1])
        #expect(server.connectionsAccepted == 1)
    }

    @Test func noMoreThanMaxPerHostRequestsRunAtOnce() async throws {
        let inFlight = Mutex((now: 0, peak: 0))
        let server = try LoopbackHTTPServer()
        server.route("/slow.xml") { _ in
            inFlight.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            Thread.sleep(forTimeInterval: 0.02)
            inFlight.withLock { $0.now -= 1 }
            return .text("<rss/>")
        }
        var limits = quickLimits
        limits.maxPerHost = 3
        let fetcher = Fetcher(limits: limits)

        let outcomes = await fetcher.fetchAll((0..<24).map { _ in FetchRequest(url: server.url("/slow.xml")) })

        #expect(outcomes.allSatisfy { $0.response != nil })
        #expect(inFlight.withLock { $0.peak } <= 3)
    }

    /// Four transfers in flight (maxPerHost) and two waiting in the queue: all six end as cancelled.
    @Test func shutdownEndsInFlightAndQueuedFetchesAsCancelled() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/hang.xml", LoopbackResponse(behaviour: .silent))
        var limits = quickLimits
        limits.totalTimeout = 30
        limits.lowSpeedTime = 30
        limits.maxPerHost = 4
        let fetcher = Fetcher(limits: limits)

        async let outcomes = fetcher.fetchAll((0..<6).map { _ in FetchRequest(url: server.url("/hang.xml")) })
        for _ in 0..<500 where server.hits("/hang.xml") < 4 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.hits("/hang.xml") == 4)
        fetcher.shutdown()

        for outcome in await outcomes { #expect(outcome.error?.kind == .cancelled) }
        let after = await fetcher.fetch(FetchRequest(url: server.url("/hang.xml")))
        #expect(after.error?.kind == .cancelled)
    }

    @Test func cancellingTheTaskCancelsItsFetch() async throws {
        let server = try LoopbackHTTPServer()
        server.serve("/hang.xml", LoopbackResponse(behaviour: .silent))
        var limits = quickLimits
        limits.totalTimeout = 30
        limits.lowSpeedTime = 30
        let fetcher = Fetcher(limits: limits)

        let task = Task { await fetcher.fetch(FetchRequest(url: server.url("/hang.xml"))) }
        for _ in 0..<500 where server.hits("/hang.xml") < 1 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()

        #expect(await task.value.error?.kind == .cancelled)
    }
}
