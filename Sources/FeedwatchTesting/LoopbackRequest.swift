/// One request the loopback server received, recorded so tests can assert on what the client sent.
public struct LoopbackRequest: Sendable, Hashable {
    /// `GET`, `HEAD`…
    public var method: String
    /// The request target as sent, query included (`/feed.xml?x=1`).
    public var target: String
    /// The path part of the target, without the query.
    public var path: String
    /// Header fields by lower-cased name; repeated fields are joined with ", ".
    public var headers: [String: String]
    /// Zero-based index of this request on its connection (1 or more means the connection was reused).
    public var connectionRequestIndex: Int

    public init(
        method: String, target: String, path: String, headers: [String: String], connectionRequestIndex: Int = 0
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.headers = headers
        self.connectionRequestIndex = connectionRequestIndex
    }

    /// The value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
