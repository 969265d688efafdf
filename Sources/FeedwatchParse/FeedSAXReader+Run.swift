import CLibXML2
import FeedwatchModel
import Foundation

extension FeedSAXReader {
    /// Creates libxml2's push parser for this reader. `head` is the document's first bytes (at
    /// most four): libxml2 detects UTF-16 without a BOM or declaration only from the initial
    /// chunk. `charset` (the HTTP one) overrides the document's declaration unless a BOM says
    /// otherwise. False when libxml2 could not create a parser (`failure` says so).
    func begin(head: UnsafeBufferPointer<UInt8>, hasBOM: Bool, charset: String?, extraOptions: Int32 = 0) -> Bool {
        LibXML2Setup.ensure()
        var sax = Self.makeHandler()
        let user = Unmanaged.passUnretained(self).toOpaque()
        var options = extraOptions
        let created = head.withMemoryRebound(to: CChar.self) { c in
            xmlCreatePushParserCtxt(&sax, user, c.baseAddress, Int32(c.count), nil)
        }
        guard let ctxt = created else {
            fail(.malformed, "libxml2 could not create a parser")
            return false
        }
        self.ctxt = ctxt
        if let charset, !charset.isEmpty, !hasBOM {
            if Self.isKnownCharset(charset) {
                _ = head.withMemoryRebound(to: CChar.self) { c in
                    xmlCtxtResetPush(ctxt, c.baseAddress, Int32(c.count), nil, charset)
                }
            } else {
                warnings.append("unknown charset \"\(charset)\" ignored")
                // Without a usable charset, the document's own declaration must count again.
                options &= ~Int32(XML_PARSE_IGNORE_ENC.rawValue)
            }
        }
        _ = xmlCtxtUseOptions(ctxt, Self.options | options)
        return true
    }

    /// Hands libxml2 the next bytes of the document; `last` ends it. The callbacks run now.
    func feed(_ bytes: UnsafeBufferPointer<UInt8>, last: Bool) {
        guard let ctxt else { return }
        withExtendedLifetime(self) {
            _ = bytes.withMemoryRebound(to: CChar.self) { c in
                xmlParseChunk(ctxt, c.baseAddress, Int32(c.count), last ? 1 : 0)
            }
        }
    }

    /// Frees the parser context (also done in deinit).
    func end() {
        guard let ctxt else { return }
        self.ctxt = nil
        // The decoder libxml2 ended up reading with; none means the bytes were UTF-8 already.
        let decoder = ctxt.pointee.input?.pointee.buf?.pointee.encoder?.pointee.name
        encoding = decoder.map { String(cString: $0).lowercased() } ?? "utf-8"
        if let buffer = ctxt.pointee.input?.pointee.buf, buffer.pointee.error != 0 {
            // The decoder met bytes that are not in its encoding, and libxml2 stopped there.
            errorCount += 1
            warnings.append("bytes that are not \(encoding ?? "") ended the reading; what came before them is kept")
        }
        xmlFreeParserCtxt(ctxt)
    }

    /// Parses `data` with libxml2's push parser in one chunk.
    func run(_ data: [UInt8], charset: String?, extraOptions: Int32 = 0) {
        data.withUnsafeBufferPointer { p in
            let head = UnsafeBufferPointer(rebasing: p.prefix(4))
            guard begin(head: head, hasBOM: Self.hasBOM(data), charset: charset, extraOptions: extraOptions) else {
                return
            }
            feed(UnsafeBufferPointer(rebasing: p.dropFirst(head.count)), last: true)
            end()
        }
    }

    /// True when libxml2 (through iconv) can decode `charset`.
    static func isKnownCharset(_ charset: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(charset) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    static func hasBOM(_ data: some Collection<UInt8>) -> Bool {
        data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE])
    }

    /// The feed as parsed, or the reason there is none.
    func result() throws(ParseError) -> ParsedFeed {
        if let failure { throw failure }
        guard let format else {
            let detail = errorMessages.first.map { ": \($0)" } ?? ""
            throw ParseError(.malformed, "no feed element could be read\(detail)")
        }
        if let open = item {  // a truncated document: keep the item that was being read
            item = nil
            if items.count < limits.maxItems { items.append(open) }
        }
        if pendingHTMLFields > 0 { parsePendingHTML() }
        func text(_ field: FieldText?) -> String? {
            guard let text = field?.text, !text.isEmpty else { return nil }
            return text
        }
        var parsed = ParsedFeed(format: format)
        parsed.title = text(feed.title)
        parsed.link = feed.link ?? feed.alternateLink
        parsed.subtitle = text(feed.subtitle)
        parsed.updated = feed.updated ?? feed.published
        parsed.authors = feed.authors
        parsed.encoding = encoding
        parsed.refreshHint = feed.refreshHint
        parsed.items.reserveCapacity(items.count)
        var truncated = 0
        for builder in items {
            if builder.truncated { truncated += 1 }
            parsed.items.append(
                makeItem(
                    builder, title: text(builder.title) ?? text(builder.mediaTitle),
                    summary: text(builder.summary) ?? text(builder.mediaDescription),
                    content: text(builder.content)))
        }
        parsed.partial = errorCount > 0
        parsed.warnings = warnings
        if parsed.partial {
            parsed.warnings.append(
                "the document is not well-formed; what could be recovered is kept"
                    + (errorMessages.first.map { " (\($0))" } ?? ""))
        }
        if truncated > 0 {
            parsed.warnings.append("\(truncated) item(s) cut at \(limits.maxTextBytesPerItem) bytes of text")
        }
        if droppedItems > 0 {
            parsed.warnings.append("\(droppedItems) item(s) past the first \(limits.maxItems) dropped")
        }
        return parsed
    }

    /// The HTML fragments the fast path left, through libxml2's HTML parser in one batch.
    private func parsePendingHTML() {
        var pending: [[UInt8]] = []
        forEachHTMLField { field in
            if let html = field?.pendingHTML { pending.append(html) }
        }
        var texts = HTMLText.parsedPlainText(of: pending).makeIterator()
        forEachHTMLField { field in
            guard field?.pendingHTML != nil else { return }
            field?.text = texts.next() ?? ""
            field?.pendingHTML = nil
        }
    }

    /// Every field that may hold HTML, in document order: the same order both times it is walked.
    private func forEachHTMLField(_ body: (inout FieldText?) -> Void) {
        body(&feed.title)
        body(&feed.subtitle)
        for builder in items {
            body(&builder.title)
            body(&builder.summary)
            body(&builder.content)
            body(&builder.mediaDescription)
        }
    }

    private func makeItem(_ b: ItemBuilder, title: String?, summary: String?, content: String?) -> FeedItem {
        var link = b.link ?? b.alternateLink
        if link == nil, b.guidIsPermaLink, let guid = b.guid, guid.hasPrefix("http://") || guid.hasPrefix("https://") {
            link = guid
        }
        let published = b.published ?? b.dcDate
        let id: String
        if let guid = b.guid ?? b.about {
            id = guid
        } else if let link {
            id = link
        } else {
            let basis = (title ?? summary ?? content ?? "") + "\n" + (b.dateText ?? "")
            id = "sha256:" + SHA256.hex(of: Array(basis.utf8))
        }
        var geo = b.point
        if geo == nil, let lat = b.latitude, let lon = b.longitude, Self.isCoordinate(lat, lon) {
            geo = GeoPoint(latitude: lat, longitude: lon)
        }
        return FeedItem(
            id: id, title: title, link: link, published: published,
            updated: b.updated, authors: b.authors.isEmpty ? feed.authors : b.authors, categories: b.categories,
            summary: summary, content: content,
            summaryHTML: (b.summary ?? b.mediaDescription)?.markup, contentHTML: b.content?.markup,
            enclosures: b.enclosures, geo: geo)
    }
}
