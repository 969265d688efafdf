import Foundation

/// A real HTTP/1.1 server on 127.0.0.1, on an ephemeral port, for tests and benchmarks.
///
/// Plain POSIX sockets: one thread accepts, one thread serves each connection (keep-alive supported), so a
/// client with N connections open costs N threads. Every request is recorded and counted per path, so tests can
/// assert on what the client sent (`If-None-Match`, `User-Agent`…). Routes are exact paths (the query is ignored
/// for routing); an unknown path answers 404.
///
/// ```swift
/// let server = try LoopbackHTTPServer()
/// server.route("/feed.xml") { _ in .text("<rss/>", contentType: "application/rss+xml") }
/// let url = server.url("/feed.xml")   // http://127.0.0.1:PORT/feed.xml
/// ```
///
/// `stop()` (or deinit) closes the listening socket and every connection, including ones held open by
/// `.silent` or `.trickle` responses, and waits for the server's threads to finish.
public final class LoopbackHTTPServer: Sendable {
    /// A route: given the request, what to answer. Runs on the connection's thread.
    public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackResponse

    let core: LoopbackServerCore

    /// The TCP port the server listens on.
    public var port: Int { core.port }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Binds 127.0.0.1 on an ephemeral port and starts accepting connections.
    public init() throws {
        core = try LoopbackServerCore()
        core.start()
    }

    deinit {
        core.stop()
    }

    /// The absolute URL of `path` on this server.
    public func url(_ path: String) -> String {
        baseURL + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Registers (or replaces) the handler for an exact path.
    public func route(_ path: String, _ handler: @escaping Handler) {
        core.setRoute(path, handler)
    }

    /// Serves a fixed response on `path`.
    public func serve(_ path: String, _ response: LoopbackResponse) {
        core.setRoute(path) { _ in response }
    }

    /// Every request received so far, in arrival order.
    public var requests: [LoopbackRequest] { core.recordedRequests() }

    /// The requests received on `path`, in arrival order.
    public func requests(_ path: String) -> [LoopbackRequest] {
        core.recordedRequests().filter { $0.path == path }
    }

    /// How many requests `path` has received.
    public func hits(_ path: String) -> Int { core.hitCount(path) }

    /// How many TCP connections the server has accepted.
    public var connectionsAccepted: Int { core.acceptedCount() }

    /// Whether every request is kept in `requests`; turn off for long benchmarks. Hit counts are always kept.
    public var recordsRequests: Bool {
        get { core.recordsRequests() }
        set { core.setRecordsRequests(newValue) }
    }

    /// Forgets the recorded requests and hit counts.
    public func resetRecords() { core.resetRecords() }

    /// Closes the listening socket and every connection, and waits (up to 5 s) for the server threads to end.
    /// Safe to call more than once.
    public func stop() { core.stop() }
}
