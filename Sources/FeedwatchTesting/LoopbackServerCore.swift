import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The shared state of a loopback server: sockets, routes, records, threads. Threads hold the core, never the
/// `LoopbackHTTPServer`, so dropping the server runs its deinit, which stops the core.
final class LoopbackServerCore: @unchecked Sendable {
    // Everything below `condition` is guarded by it.
    private let condition = NSCondition()
    let port: Int
    private let listenFD: Int32
    private var stopped = false
    private var routes: [String: LoopbackHTTPServer.Handler] = [:]
    private var records: [LoopbackRequest] = []
    private var hits: [String: Int] = [:]
    private var recording = true
    private var accepted = 0
    private var openConnections: Set<Int32> = []
    private var liveThreads = 0
    var feeds: [String: LoopbackFeedState] = [:]

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1024) == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError("getsockname", code)
        }
        listenFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func start() {
        spawn { $0.acceptLoop() }
    }

    /// Runs `body` on a new thread, counted so `stop()` can wait for it.
    private func spawn(_ body: @escaping @Sendable (LoopbackServerCore) -> Void) {
        condition.lock()
        liveThreads += 1
        condition.unlock()
        let thread = Thread { [self] in
            body(self)
            condition.lock()
            liveThreads -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 256 << 10
        thread.start()
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break  // shutdown(listenFD) from stop() lands here
            }
            condition.lock()
            if stopped {
                condition.unlock()
                close(fd)
                break
            }
            accepted += 1
            openConnections.insert(fd)
            condition.unlock()
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            spawn { core in
                LoopbackConnection(fd: fd, core: core).serve()
                core.closeConnection(fd)
            }
        }
        close(listenFD)
    }

    /// Closes a connection's socket, after forgetting it so `stop()` never shuts down a reused descriptor.
    func closeConnection(_ fd: Int32) {
        condition.lock()
        openConnections.remove(fd)
        condition.unlock()
        close(fd)
    }

    func stop() {
        condition.lock()
        if stopped {
            condition.unlock()
            return
        }
        stopped = true
        // shutdown() wakes threads blocked in accept/recv/send; each then closes its own descriptor.
        shutdown(listenFD, Int32(SHUT_RDWR))
        for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
        condition.broadcast()
        let deadline = Date().addingTimeInterval(5)
        while liveThreads > 0, condition.wait(until: deadline) {}
        // Handlers may hold the core (serveFeeds does): dropping them breaks that cycle.
        routes.removeAll()
        feeds.removeAll()
        condition.unlock()
    }

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Sleeps up to `seconds`; returns false at once if the server stops meanwhile.
    func pause(_ seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if !condition.wait(until: deadline) { return true }
        }
        return false
    }

    /// Records the request and returns its handler's response.
    func respond(to request: LoopbackRequest) -> LoopbackResponse {
        condition.lock()
        hits[request.path, default: 0] += 1
        if recording { records.append(request) }
        let handler = routes[request.path]
        condition.unlock()
        guard let handler else { return .text("not found\n", status: 404) }
        return handler(request)
    }

    func setRoute(_ path: String, _ handler: @escaping LoopbackHTTPServer.Handler) {
        condition.lock()
        routes[path] = handler
        condition.unlock()
    }

    func withLock<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    func recordedRequests() -> [LoopbackRequest] { withLock { records } }
    func hitCount(_ path: String) -> Int { withLock { hits[path] ?? 0 } }
    func acceptedCount() -> Int { withLock { accepted } }
    func recordsRequests() -> Bool { withLock { recording } }
    func setRecordsRequests(_ value: Bool) { withLock { recording = value } }
    func resetRecords() {
        withLock {
            records.removeAll()
            hits.removeAll()
        }
    }
}

/// A socket call that failed while starting the server.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var message: String
    init(_ call: String, _ code: Int32) {
        message = "\(call) failed: \(String(cString: strerror(code)))"
    }
    public var description: String { message }
}
