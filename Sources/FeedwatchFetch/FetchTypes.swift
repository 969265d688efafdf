import Foundation

/// What to fetch, with the validators from the last successful fetch.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Sees a transfer's body while it arrives, on the fetcher's own thread, in order: keep the work
/// short (hand the bytes on). Each response body of the transfer (a redirect's, then the final
/// one's) begins with `bodyStarts`.
public protocol BodyObserver: AnyObject, Sendable {
    /// A response body begins: its status, the URL it comes from and its Content-Type.
    func bodyStarts(status: Int, url: String, contentType: String?)
    /// More of that body arrived: `body` is all of it so far (decoded), the new bytes from `newFrom`
    /// on. Valid only during the call.
    func bodyReceived(_ body: UnsafeRawBufferPointer, newFrom: Int)
}

/// Bounds and identity for every transfer. Defaults are safe for untrusted servers.
public struct FetchLimits: Sendable, Hashable {
    public var connectTimeout: TimeInterval = 10
    public var totalTimeout: TimeInterval = 60
    /// Abort a transfer slower than `lowSpeedBytes` per second for `lowSpeedTime` seconds.
    public var lowSpeedBytes: Int = 64
    public var lowSpeedTime: TimeInterval = 20
    /// Cap on the decoded body (after gzip/deflate), counted as it arrives.
    public var maxBodyBytes: Int = 16 << 20
    public var maxHeaderBytes: Int = 64 << 10
    public var maxRedirects: Int = 5
    public var maxConcurrent: Int = 64
    public var maxPerHost: Int = 4
    public var userAgent: String = "feedwatch"
    /// A proxy URL; nil means the usual environment variables decide.
    public var proxy: String?

    public init() {}
}

/// A response that came back: a new body, or "not modified".
public struct FetchResponse: Sendable, Hashable {
    public var status: Int
    public var body: [UInt8]
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// The URL after redirects.
    public var effectiveURL: String
    /// Set when a 301 or 308 led here: the new permanent address.
    public var permanentRedirect: String?
    /// Cache-Control max-age or Expires, in seconds from now.
    public var freshFor: TimeInterval?
    public var duration: TimeInterval

    public init(
        status: Int, body: [UInt8] = [], etag: String? = nil, lastModified: String? = nil,
        contentType: String? = nil, effectiveURL: String, permanentRedirect: String? = nil,
        freshFor: TimeInterval? = nil, duration: TimeInterval = 0
    ) {
        self.status = status
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.permanentRedirect = permanentRedirect
        self.freshFor = freshFor
        self.duration = duration
    }

    /// The charset parameter of the Content-Type, if any.
    public var charset: String? { Self.charset(ofContentType: contentType) }

    /// The charset parameter of a Content-Type value, if any.
    public static func charset(ofContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            }
        }
        return nil
    }
}

/// A fetch that failed, classified so the scheduler can act on it.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One stable key per failure class.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case dns
        case connect
        case tls
        case timeout
        case httpStatus = "http-status"
        case tooLarge = "too-large"
        case redirect
        case botWall = "bot-wall"
        case gone
        case rateLimited = "rate-limited"
        case file
        /// The server's reply is not valid HTTP (garbage, a truncated body, a broken encoding).
        case protocolError = "protocol"
        case unsupported
        case cancelled
        case other
    }

    public var kind: Kind
    public var message: String
    public var status: Int?
    /// What the server asked for (Retry-After), already clamped.
    public var retryAfter: TimeInterval?

    public init(_ kind: Kind, _ message: String, status: Int? = nil, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

public enum FetchOutcome: Sendable, Hashable {
    case fetched(FetchResponse)
    case notModified(FetchResponse)
    case failed(FetchError)
}
