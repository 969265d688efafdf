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
