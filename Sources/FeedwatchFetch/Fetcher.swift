import CCurl
import Foundation

/// Fetches feeds with libcurl: one multi handle on its own thread, many transfers at once, connections reused,
/// HTTP/2 where a server offers it over TLS.
///
/// Every limit in `FetchLimits` applies to every transfer: connect, total and low-speed timeouts, a cap on the
/// decoded body and on the headers, at most `maxRedirects` redirects and only to http or https, TLS verification,
/// at most `maxConcurrent` transfers at once and `maxPerHost` per host (the rest wait their turn in a per-host
/// queue, without their timeouts running). A `file://` URL is read from disk, with no redirects.
///
/// ```swift
/// let fetcher = Fetcher(limits: limits)
/// switch await fetcher.fetch(FetchRequest(url: feed.url, etag: state.etag, lastModified: state.lastModified)) {
/// case .fetched(let response): …      // parse response.body, store response.etag / lastModified
/// case .notModified(let response): …  // nothing to parse
/// case .failed(let error): …          // error.kind says what went wrong, error.retryAfter when to come back
/// }
/// ```
public final class Fetcher: Sendable {
    public let limits: FetchLimits
    private let engine: CurlEngine

    public init(limits: FetchLimits = FetchLimits()) {
        self.limits = limits
        engine = CurlEngine(limits: limits)
    }

    deinit {
        engine.shutdown()
    }

    /// Fetches one URL. Never throws: every failure is a classified `FetchError`. Cancelling the calling task
    /// ends the transfer and returns `.failed` with kind `.cancelled`. An `observer` sees the body while it
    /// arrives (to parse it on the way); the outcome still carries the whole body.
    public func fetch(_ request: FetchRequest, observer: (any BodyObserver)? = nil) async -> FetchOutcome {
        let engine = engine
        let id = engine.makeID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                engine.submit(PendingFetch(id: id, request: request, continuation: continuation, observer: observer))
            }
        } onCancel: {
            engine.cancel(id)
        }
    }

    /// Fetches many requests concurrently (within the limits) and returns the outcomes in the same order.
    public func fetchAll(_ requests: [FetchRequest]) async -> [FetchOutcome] {
        await withTaskGroup(of: (Int, FetchOutcome).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, await self.fetch(request)) }
            }
            var outcomes = [FetchOutcome?](repeating: nil, count: requests.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0 ?? .failed(FetchError(.cancelled, "the fetch did not complete")) }
        }
    }

    /// Stops new transfers and ends the ones in flight: every pending `fetch` returns `.failed(.cancelled)`
    /// promptly, and later calls return it at once.
    public func shutdown() {
        engine.shutdown()
    }
}
