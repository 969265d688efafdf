import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for tests. Placeholder.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public init() {}
}
