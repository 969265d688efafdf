/// Bounds on what one document may cost. Past a document bound the parse fails with
/// `ParseError.Kind.tooLarge`; past a per-item bound the item's text is truncated and a warning added.
public struct ParseLimits: Sendable, Hashable {
    /// Bytes of input accepted at all.
    public var maxDocumentBytes: Int = 32 << 20
    /// Text bytes kept per item (title, summary, content… together); the rest is dropped.
    public var maxTextBytesPerItem: Int = 1 << 20
    /// Text bytes libxml2 may deliver for the whole document, entity expansion included.
    public var maxTextBytesPerDocument: Int = 64 << 20
    /// Element nesting depth. libxml2 itself stops at 256 without `XML_PARSE_HUGE`.
    public var maxDepth: Int = 256
    /// Items kept; later ones are dropped with a warning.
    public var maxItems: Int = 10_000
    /// Attributes on one element (one element with 100,000 attributes costs seconds of CPU).
    public var maxAttributesPerElement: Int = 1_000
    /// Bytes of internal-entity text expanded in the whole document.
    public var maxEntityExpansionBytes: Int = 1 << 20

    public init() {}
    public static let `default` = ParseLimits()
}
