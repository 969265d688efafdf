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
        let stream = Stream(url: url, charset: charset, limits: limits)
        data.withUnsafeBufferPointer { stream.appendWhole($0) }
        return try stream.finish(whole: data)
    }

    /// A parse fed as the bytes arrive: the fetcher hands each chunk over while the transfer
    /// runs, and libxml2 reads it at once, so a feed is mostly parsed when its last byte lands.
    ///
    /// The document's first 4 KiB are held until its kind and encoding are known (JSON Feed,
    /// UTF-16/32, the XML declaration, the HTTP charset); then every chunk goes to libxml2 up to
    /// its last `>`, after the same long-tag check a whole document gets (a start tag is never
    /// split between checks). `finish(whole:)` takes the complete body for what cannot be done on
    /// the way — JSON Feed, UTF-32, a document read again in another encoding — so the result is
    /// always the one `parse` gives for the same bytes.
    ///
    /// Not thread-safe: one caller at a time, chunks in order.
    public final class Stream: @unchecked Sendable {
        private enum State {
            case collecting
            case streaming(FeedSAXReader)
            /// Parsed from the whole body at the end (JSON Feed, UTF-32, too large, nothing yet).
            case deferred
        }

        private let url: String?
        private let charset: String?
        private let limits: ParseLimits
        private var state = State.collecting
        /// Bytes received and not yet given to libxml2: the first 4 KiB, then what follows the last `>`.
        private var pending: [UInt8] = []
        /// Leading bytes of `pending` libxml2 already has (the head it was created with): checked, not fed again.
        private var headInPending = 0
        private var received = 0
        /// Set when a start tag holds too many attributes: nothing more is read.
        private var refused: ParseError?
        /// libxml2 has been given the whole body and told it ended (`appendWhole`).
        private var fedToEnd = false

        /// Held before deciding how to read the document: enough for every sniffer.
        static let prefixBytes = 4096

        public init(url: String? = nil, charset: String? = nil, limits: ParseLimits = .default) {
            self.url = url
            self.charset = charset
            self.limits = limits
        }

        /// The next bytes of the body.
        public func append(_ chunk: UnsafeBufferPointer<UInt8>) {
            received += chunk.count
            if received > limits.maxDocumentBytes { stop() }
            var rest = chunk[...]
            if case .collecting = state {
                let take = min(rest.count, Self.prefixBytes - pending.count)
                pending.append(contentsOf: rest.prefix(take))
                rest = rest.dropFirst(take)
                guard pending.count >= Self.prefixBytes else { return }
                start()
            }
            guard case .streaming(let reader) = state else { return }
            if pending.isEmpty {
                // The usual case: straight from the chunk up to its last `>`; only the rest is kept.
                let end = rest.lastIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? rest.startIndex
                feed(reader, UnsafeBufferPointer(rebasing: rest[..<end]), skipping: 0, last: false)
                pending.append(contentsOf: rest[end...])
            } else {
                // Only the new bytes can hold a `>` (the pending ones were cut after the last one),
                // so a start tag trickling in chunk by chunk is not searched again and again.
                let before = pending.count
                pending.append(contentsOf: rest)
                if let close = rest.lastIndex(of: UInt8(ascii: ">")) {
                    feedPending(reader, upTo: before + (close - rest.startIndex) + 1, last: false)
                }
            }
        }

        /// The whole body in one piece (what `parse` does): libxml2 reads it in one call told that
        /// it is the end, so it never scans ahead for where a construct ends, and nothing is
        /// copied aside but the first 4 KiB for the sniffers.
        func appendWhole(_ body: UnsafeBufferPointer<UInt8>) {
            received = body.count
            guard received <= limits.maxDocumentBytes else { return stop() }
            pending = Array(body.prefix(Self.prefixBytes))
            guard let reader = begin() else { return }
            feed(reader, body, skipping: headInPending, last: true)
            pending = []
            headInPending = 0
            fedToEnd = true
        }

        /// The body started again (a redirect's body came first): forget what was received.
        public func restart() {
            stop()
            state = .collecting
            pending = []
            headInPending = 0
            received = 0
            refused = nil
            fedToEnd = false
        }

        /// Ends the parse. `whole` is the complete body the chunks made up.
        public func finish(whole: [UInt8]) throws(ParseError) -> ParsedFeed {
            if case .collecting = state { start() }
            guard case .streaming(let reader) = state, received == whole.count else {
                return try FeedParser.parseWhole(whole, url: url, charset: charset, limits: limits)
            }
            if !fedToEnd { feedPending(reader, upTo: pending.count, last: true) }
            reader.end()
            if let refused { throw refused }
            if reader.failure == nil, reader.unsupportedEncoding, reader.items.isEmpty {
                // The declared encoding is unknown: read the bytes in the most likely one instead.
                let fallback = EncodingSniffer.fallback(for: whole)
                let retry = FeedSAXReader(limits: limits, documentURL: url)
                retry.warnings.append("unsupported encoding declared; read as \(fallback)")
                retry.run(whole, charset: fallback, extraOptions: Int32(XML_PARSE_IGNORE_ENC.rawValue))
                retry.errorCount += 1
                return try retry.result()
            }
            if reader.failure == nil, let repaired = try readRepaired(whole, after: reader) { return repaired }
            if reader.format == nil, reader.failure == nil || reader.failure?.kind == .notAFeed,
                let start = DocumentSniffer.feedStart(in: whole), !DocumentSniffer.looksLikeHTML(Array(whole[..<start]))
            {
                // Something else came first (a PHP warning, say): the feed after it is read.
                return try readAgain(Array(whole[start...]), saying: "\(start) bytes before the feed skipped")
            }
            if reader.failure == nil, reader.format == nil, DocumentSniffer.looksLikeHTML(whole) {
                throw ParseError(.notAFeed, "expected RSS, Atom or JSON Feed, found an HTML document (<html>)")
            }
            return try reader.result()
        }

        /// Errors libxml2 recovers from by losing text, made good: the document read again with its
        /// bytes that are not UTF-8 (when it was read as UTF-8) taken as windows-1252, and the
        /// slips `MarkupRepair` knows mended. Nil when neither applies, or when the repaired
        /// document would pass the document cap (the first reading stands).
        private func readRepaired(_ whole: [UInt8], after reader: FeedSAXReader) throws(ParseError) -> ParsedFeed? {
            var document = whole
            var repairs: [String] = []
            if reader.notUTF8, reader.encoding == "utf-8",
                let (repaired, count) = Windows1252Fallback.repaired(document)
            {
                document = repaired
                repairs.append("\(count) byte(s) that are not UTF-8 read as windows-1252")
            }
            if reader.markupSlip, let (mended, counts) = MarkupRepair.repaired(document) {
                document = mended
                repairs.append(counts.description)
            }
            guard !repairs.isEmpty, document.count <= limits.maxDocumentBytes else { return nil }
            return try readAgain(
                document, saying: "the document is not well-formed: " + repairs.joined(separator: "; "))
        }

        /// `document` — the body mended, or the part of it that is the feed — parsed anew, marked
        /// partial, with `warning` saying what was done to the body.
        private func readAgain(_ document: [UInt8], saying warning: String) throws(ParseError) -> ParsedFeed {
            var feed = try FeedParser.parse(document, url: url, charset: charset, limits: limits)
            feed.partial = true
            feed.warnings.append(warning)
            return feed
        }

        /// Decides from the first bytes how to read the document, and starts libxml2 on them.
        private func start() {
            guard let reader = begin() else { return }
            if let close = pending.lastIndex(of: UInt8(ascii: ">")) {
                feedPending(reader, upTo: close + 1, last: false)
            }
        }

        /// Decides from the first bytes (`pending`) how to read the document and creates the
        /// reader; nil when the document is to be read whole at the end instead.
        private func begin() -> FeedSAXReader? {
            guard let first = DocumentSniffer.firstSignificantByte(pending), first != UInt8(ascii: "{"),
                !EncodingSniffer.isUTF32(pending)
            else {
                state = .deferred
                return nil
            }
            let (charset, options) = FeedParser.encoding(of: pending, httpCharset: charset)
            let reader = FeedSAXReader(limits: limits, documentURL: url)
            headInPending = min(4, pending.count)
            let begun = pending.withUnsafeBufferPointer { p in
                reader.begin(
                    head: UnsafeBufferPointer(rebasing: p.prefix(headInPending)), hasBOM: FeedSAXReader.hasBOM(p),
                    charset: charset, extraOptions: options)
            }
            state = begun ? .streaming(reader) : .deferred
            return begun ? reader : nil
        }

        /// Gives libxml2 the first `end` pending bytes; `last` ends the document.
        private func feedPending(_ reader: FeedSAXReader, upTo end: Int, last: Bool) {
            guard end > headInPending || last else { return }
            pending.withUnsafeBufferPointer { p in
                feed(reader, UnsafeBufferPointer(rebasing: p[..<end]), skipping: headInPending, last: last)
            }
            pending.removeFirst(end)
            headInPending = 0
        }

        /// Checks the start tags of `region` for too many attributes, then gives libxml2 all of it
        /// but its first `skipping` bytes (the head it already has).
        private func feed(_ reader: FeedSAXReader, _ region: UnsafeBufferPointer<UInt8>, skipping: Int, last: Bool) {
            guard refused == nil else { return }
            if let tag = DocumentSniffer.oversizedTag(region, maxAttributes: limits.maxAttributesPerElement) {
                refused = ParseError(
                    .tooLarge, "an element has more than \(limits.maxAttributesPerElement) attributes (\(tag))")
                return
            }
            reader.feed(UnsafeBufferPointer(rebasing: region[skipping...]), last: last)
        }

        /// Reads nothing more on the way: the whole body decides at the end.
        private func stop() {
            if case .streaming(let reader) = state { reader.end() }
            state = .deferred
            pending = []
        }
    }

    /// The charset to read a document in and the libxml2 options that go with it, from its first
    /// bytes and the HTTP charset.
    static func encoding(of head: [UInt8], httpCharset: String?) -> (charset: String?, options: Int32) {
        if httpCharset == nil, let utf16 = EncodingSniffer.utf16WithoutBOM(head) {
            return (utf16, 0)
        }
        if let label = httpCharset?.lowercased() ?? EncodingSniffer.declaredEncoding(head),
            let superset = EncodingSniffer.readAs[label]
        {
            return (superset, Int32(XML_PARSE_IGNORE_ENC.rawValue))
        }
        if httpCharset != nil, !FeedSAXReader.hasBOM(head) {
            // RFC 7303 §3: the HTTP charset is authoritative over the XML declaration (a BOM
            // still wins, as in browsers).
            return (httpCharset, Int32(XML_PARSE_IGNORE_ENC.rawValue))
        }
        return (httpCharset, 0)
    }

    /// What a stream cannot read on the way: too large, empty, JSON Feed, UTF-32 (converted,
    /// then read as any document).
    static func parseWhole(
        _ data: [UInt8], url: String?, charset: String?, limits: ParseLimits
    ) throws(ParseError) -> ParsedFeed {
        guard data.count <= limits.maxDocumentBytes else {
            throw ParseError(.tooLarge, "the document is \(data.count) bytes (limit \(limits.maxDocumentBytes))")
        }
        guard let first = DocumentSniffer.firstSignificantByte(data) else {
            throw ParseError(.empty, "the document is empty")
        }
        if first == UInt8(ascii: "{") {
            var feed = try JSONFeedReader.parse(data, url: url, limits: limits)
            feed.encoding = "utf-8"
            return feed
        }
        guard let utf8 = EncodingSniffer.utf32AsUTF8(data) else {
            throw ParseError(.malformed, "the document could not be read")
        }
        var feed = try parse(utf8, url: url, charset: "UTF-8", limits: limits)
        feed.encoding = "utf-32"
        return feed
    }
}
