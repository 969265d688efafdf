import FeedwatchModel
import Foundation

/// Why a document could not be read as a feed.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Well-formed markup, but not RSS, Atom or JSON Feed (an HTML page, say).
        case notAFeed = "not-a-feed"
        /// Nothing could be recovered from the document.
        case malformed
        /// The document went past a size, depth or work bound.
        case tooLarge = "too-large"
        case empty
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Bounds on what one document may cost.
public struct ParseLimits: Sendable, Hashable {
    public var maxDocumentBytes: Int = 32 << 20
    public var maxTextBytesPerItem: Int = 1 << 20
    public var maxTextBytesPerDocument: Int = 64 << 20
    public var maxDepth: Int = 256
    public var maxItems: Int = 10_000

    public init() {}
    public static let `default` = ParseLimits()
}

/// Reads RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0 and JSON Feed with libxml2.
public enum FeedParser {
    /// Parses one document. `url` resolves relative links; `charset` is the HTTP one, if any.
    public static func parse(
        _ data: [UInt8], url: String? = nil, charset: String? = nil, limits: ParseLimits = .default
    ) throws(ParseError) -> ParsedFeed {
        throw ParseError(.malformed, "parser not implemented yet")
    }
}
