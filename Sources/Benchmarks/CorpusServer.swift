import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on loopback addresses that serves the corpus from memory, with
/// ETag and Last-Modified, keep-alive, and 304 for a matching If-None-Match or
/// If-Modified-Since. Feeds are spread over several loopback addresses (127.0.0.1 …
/// 127.0.0.H, all routed to `lo` on Linux) so a fetcher's per-host limit sees several hosts,
/// as it would on the open web. One thread per connection: fetchers keep few connections open.
///
/// (The FeedwatchTesting `LoopbackHTTPServer` is built for tests — fixtures and assertions on
/// requests; this one is built to serve 10,000 documents as fast as loopback allows.)
final class CorpusServer: @unchecked Sendable {
    struct Document {
        var body: [UInt8]
        var etag: String
        var lastModified: String
        var contentType: String
    }

    /// What the server answered since the last `takeCounts()`.
    struct Counts: Sendable {
        var ok = 0
        var notModified = 0
        var notFound = 0
        var bodyBytes = 0
        var connections = 0

        var requests: Int { ok + notModified + notFound }
        var summary: String { "\(ok)×200, \(notModified)×304" + (notFound > 0 ? ", \(notFound)×404" : "") }
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
    }

    let hosts: [String]
    private(set) var port: UInt16 = 0
    private let lock = NSLock()
    private var documents: [String: Document] = [:]
    private var counts = Counts()
    private var listeners: [Int32] = []

    init(hostCount: Int) {
        hosts = (1...max(1, hostCount)).map { "127.0.0.\($0)" }
    }

    /// Binds every loopback address on one port (0: any free port) and starts accepting.
    func start(port requested: UInt16) throws(ServerError) {
        var chosen = requested
        for host in hosts {
            let listener = try Self.listen(host: host, port: chosen)
            if chosen == 0 { chosen = Self.boundPort(listener) }
            listeners.append(listener)
            Thread.detachNewThread { [self] in acceptLoop(listener) }
        }
        port = chosen
    }

    /// The URL of the `index`-th feed: feeds are dealt round-robin over the hosts.
    func url(of path: String, index: Int) -> String { "http://\(hosts[index % hosts.count]):\(port)\(path)" }

    func publish(_ path: String, _ document: Document) {
        lock.withLock { documents[path] = document }
    }

    func takeCounts() -> Counts {
        lock.withLock {
            defer { counts = Counts() }
            return counts
        }
    }

    func stop() {
        for listener in listeners {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        listeners = []
    }

    private static func listen(host: String, port: UInt16) throws(ServerError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ServerError(description: "cannot listen on \(host):\(port): \(message)")
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            lock.withLock { counts.connections += 1 }
            Thread.detachNewThread { [self] in serve(fd) }
        }
    }

    func document(at path: String) -> Document? { lock.withLock { documents[path] } }

    func count(_ update: (inout Counts) -> Void) { lock.withLock { update(&counts) } }
}
