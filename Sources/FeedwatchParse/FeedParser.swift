import CLibXML2
import FeedwatchModel
import Foundation

/// Reads RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0 and JSON Feed with libxml2.
///
/// Safe with hostile input: no external entity, DTD, XInclude or network access ever; entity
/// expansion, text, depth, attributes and items bounded (`ParseLimits`). A hostile document is
/// a `ParseError`, never a crash, a hang or a read outside `data`. Thread-safe: each call has
/// its own parser context, so feeds may be parsed concurrently.
public enum FeedParser {
    /// Parses one document. `url` resolves relative links; `charset` is the HTTP one, if any.
    public static func parse(
        _ data: [UInt8], url: String? = nil, charset: String? = nil, limits: ParseLimits = .default
    ) throws(ParseError) -> ParsedFeed {
        guard data.count <= limits.maxDocumentBytes else {
            throw ParseError(.tooLarge, "the document is \(data.count) bytes (limit \(limits.maxDocumentBytes))")
        }
        guard let first = DocumentSniffer.firstSignificantByte(data) else {
            throw ParseError(.empty, "the document is empty")
        }
        if first == UInt8(ascii: "{") {
            return try JSONFeedReader.parse(data, url: url, limits: limits)
        }
        if let tag = DocumentSniffer.oversizedTag(data, maxAttributes: limits.maxAttributesPerElement) {
            throw ParseError(
                .tooLarge, "an element has more than \(limits.maxAttributesPerElement) attributes (\(tag))")
        }
        var data = data
        var charset = charset
        var options: Int32 = 0
        if let utf8 = EncodingSniffer.utf32AsUTF8(data) {
            data = utf8
            charset = "UTF-8"
            options = Int32(XML_PARSE_IGNORE_ENC.rawValue)
        } else if charset == nil, let utf16 = EncodingSniffer.utf16WithoutBOM(data) {
            charset = utf16
        } else if let label = charset?.lowercased() ?? EncodingSniffer.declaredEncoding(data),
            EncodingSniffer.windows1252Labels.contains(label)
        {
            charset = "windows-1252"
            options = Int32(XML_PARSE_IGNORE_ENC.rawValue)
        } else if charset != nil, !FeedSAXReader.hasBOM(data) {
            // RFC 7303 §3: the HTTP charset is authoritative over the XML declaration (a BOM
            // still wins, as in browsers).
            options = Int32(XML_PARSE_IGNORE_ENC.rawValue)
        }
        let reader = FeedSAXReader(limits: limits, documentURL: url)
        reader.run(data, charset: charset, extraOptions: options)
        if reader.failure == nil, reader.unsupportedEncoding, reader.items.isEmpty {
            // The declared encoding is unknown: read the bytes in the most likely one instead.
            let fallback = EncodingSniffer.fallback(for: data)
            let retry = FeedSAXReader(limits: limits, documentURL: url)
            retry.warnings.append("unsupported encoding declared; read as \(fallback)")
            retry.run(data, charset: fallback, extraOptions: Int32(XML_PARSE_IGNORE_ENC.rawValue))
            retry.errorCount += 1
            return try retry.result()
        }
        if reader.failure == nil, reader.format == nil, DocumentSniffer.looksLikeHTML(data) {
            throw ParseError(.notAFeed, "expected RSS, Atom or JSON Feed, found an HTML document (<html>)")
        }
        return try reader.result()
    }
}
