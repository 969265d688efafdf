import Foundation

/// One feed served with validators: its body and the ETag and Last-Modified that change with it.
struct LoopbackFeedState: Sendable {
    var body: [UInt8]
    var contentType: String
    var version: Int
    var etag: String
    var lastModified: Date
    /// `lastModified` as sent, formatted once: formatting per request would dominate a 10,000-feed benchmark.
    var lastModifiedText: String
}

extension LoopbackHTTPServer {
    /// Serves each `path: body` pair as a feed with an `ETag` and a `Last-Modified`, answering
    /// `304 Not Modified` to a conditional GET whose validators match (RFC 9110 §13.1: `If-None-Match` is
    /// used when present, `If-Modified-Since` only otherwise, compared as the exact string this server sent).
    public func serveFeeds(_ feeds: [String: [UInt8]], contentType: String = "application/rss+xml; charset=utf-8") {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        for (path, body) in feeds {
            core.withLock {
                core.feeds[path] = LoopbackFeedState(
                    body: body, contentType: contentType, version: 1,
                    etag: Self.etag(path: path, version: 1), lastModified: now,
                    lastModifiedText: HTTPDateFormat.string(from: now))
            }
            route(path) { [core] request in Self.answer(request, core: core) }
        }
    }

    /// Serves one feed with validators; see `serveFeeds`.
    public func serveFeed(_ path: String, body: [UInt8], contentType: String = "application/rss+xml; charset=utf-8") {
        serveFeeds([path: body], contentType: contentType)
    }

    /// Replaces a served feed's body and moves both validators on: a new ETag, and a Last-Modified at least a
    /// second later than the previous one.
    public func change(path: String, body: [UInt8]) {
        core.withLock {
            guard var state = core.feeds[path] else { return }
            state.body = body
            state.version += 1
            state.etag = Self.etag(path: path, version: state.version)
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            state.lastModified = max(now, state.lastModified.addingTimeInterval(1))
            state.lastModifiedText = HTTPDateFormat.string(from: state.lastModified)
            core.feeds[path] = state
        }
    }

    /// The validators a served feed currently has: (ETag, Last-Modified), as sent on the wire.
    public func validators(path: String) -> (etag: String, lastModified: String)? {
        core.withLock { core.feeds[path].map { ($0.etag, $0.lastModifiedText) } }
    }

    private static func etag(path: String, version: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"\(String(hash, radix: 16))-\(version)\""
    }

    private static func answer(_ request: LoopbackRequest, core: LoopbackServerCore) -> LoopbackResponse {
        guard let state = core.withLock({ core.feeds[request.path] }) else {
            return .text("not found\n", status: 404)
        }
        let lastModified = state.lastModifiedText
        let validators = [("ETag", state.etag), ("Last-Modified", lastModified)]
        let unchanged: Bool
        if let tags = request.header("if-none-match") {
            // Weak comparison (RFC 9110 §8.8.3.2): W/ prefixes are ignored.
            let strip = { (tag: Substring) in
                tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            }
            unchanged = tags.split(separator: ",").contains {
                $0.trimmingCharacters(in: .whitespaces) == "*" || strip($0) == strip(state.etag[...])
            }
        } else if let since = request.header("if-modified-since") {
            unchanged = since == lastModified
        } else {
            unchanged = false
        }
        if unchanged { return LoopbackResponse(status: 304, headers: validators) }
        return LoopbackResponse(
            status: 200, headers: [("Content-Type", state.contentType)] + validators, body: state.body)
    }
}
