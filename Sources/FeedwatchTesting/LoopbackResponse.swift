/// What a route answers: a status, header fields, a body, and how to deliver it.
public struct LoopbackResponse: Sendable {
    /// How the server delivers a response. Everything but `normal` exists to misbehave on purpose.
    public enum Behaviour: Sendable {
        /// Status line, headers, `Content-Length`, the body; the connection stays open for more requests.
        case normal
        /// `Transfer-Encoding: chunked`, `chunkSize` body bytes per chunk.
        case chunked(chunkSize: Int)
        /// Headers with the full `Content-Length`, then one body byte every `interval` seconds.
        case trickle(interval: Double)
        /// Reads the request and never answers; the connection stays open until the client or `stop()` ends it.
        case silent
        /// Writes these bytes instead of an HTTP response, then closes the connection.
        case raw([UInt8])
        /// Announces the whole body in `Content-Length`, sends only `bytes` of it, then closes the connection.
        case closeMidBody(afterBytes: Int)
    }

    public var status: Int
    /// Header fields in the order they are sent. `Content-Length`, `Transfer-Encoding` and `Connection`
    /// are added by the server.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var behaviour: Behaviour

    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        behaviour: Behaviour = .normal
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.behaviour = behaviour
    }

    /// A response with a UTF-8 text body and a content type.
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8",
        behaviour: Behaviour = .normal
    ) -> LoopbackResponse {
        LoopbackResponse(
            status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8), behaviour: behaviour)
    }

    /// A redirect to `location` (absolute, or relative to the request).
    public static func redirect(to location: String, status: Int = 302) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Location", location)])
    }

    /// A body that is already gzip-encoded (see `Gzip.compress`), sent with `Content-Encoding: gzip`.
    public static func gzipEncoded(
        _ encoded: [UInt8], contentType: String = "application/rss+xml", behaviour: Behaviour = .normal
    ) -> LoopbackResponse {
        LoopbackResponse(
            status: 200, headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")], body: encoded,
            behaviour: behaviour)
    }

    /// The value of a header field of this response, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
