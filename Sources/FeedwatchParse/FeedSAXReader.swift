import CLibXML2
import FeedwatchModel
import Foundation

/// The state of one SAX pass over one document. libxml2 calls into it through the trampolines
/// in `FeedSAXReader+Callbacks.swift`; one instance per parse, never shared between threads.
final class FeedSAXReader {
    /// A field whose text is being collected. Plain values only, so copying one retains nothing;
    /// the xml:base in force is `currentBase` when it ends as when it began (the bases of its
    /// children are gone by then, its own is not yet).
    struct Capture {
        var kind: ElementKind
        var depth: Int
        var isHTML: Bool
        /// RSS titles are text unless they look like HTML; decided when the text is complete.
        var guessHTML = false
        /// Atom 0.3 `mode="base64"` (or a binary MIME type): decoded when complete.
        var base64 = false
        /// Child elements were serialized into the buffer, so character data is escaped.
        var markup = false
        /// The buffer length just after the last serialized start tag (to write `<br/>`).
        var afterStartTag = -1
        var inItem: Bool
    }

    let limits: ParseLimits
    let documentURL: String?
    let maxDepth: Int
    var ctxt: xmlParserCtxtPtr?

    var failure: ParseError?
    var format: FeedFormat?
    var depth = 0
    var skipDepth: Int?
    /// xml:base values in force, with the depth of the element that set each (pushed only when
    /// an element has one, so ordinary elements cost nothing here).
    var baseStack: [(depth: Int, url: String)] = []
    var currentBase: String? { baseStack.last?.url ?? documentURL }
    var capture: Capture?
    /// The open field's text so far.
    var buffer = ByteBuffer()
    /// Bytes of plain text the open field may still take straight into `buffer` (its budget,
    /// and the item's); 0 when there is no open field, it holds markup, or the parse failed.
    var plainRoom = 0
    /// Text bytes kept for the current item, against `maxTextBytesPerItem`.
    var itemTextBytes = 0
    /// Fields whose HTML waits for libxml2's HTML parser (see `FieldText`).
    var pendingHTMLFields = 0
    var item: ItemBuilder?
    var itemDepth = -1
    /// The depth of the element whose children are feed-level fields (the root, or `channel`).
    var containerDepth = 1
    var personDepth = -1
    var personName: String?
    var personEmail: String?
    var feed = FeedBuilder()
    var items: [ItemBuilder] = []
    var droppedItems = 0
    var documentTextBytes = 0
    var entityBytes = 0
    var entities: [String: [UInt8]] = [:]
    var errorCount = 0
    var errorMessages: [String] = []
    var unsupportedEncoding = false
    /// libxml2 reported a slip it loses text at and `MarkupRepair` mends: a bare `&` or `<`, a
    /// NUL byte, an HTML entity in an attribute value.
    var markupSlip = false
    /// libxml2 met bytes that are not UTF-8 in a document it read as UTF-8 (and passed them on raw).
    var notUTF8 = false
    /// The character encoding the document was read in, once the parse ended.
    var encoding: String?
    var warnings: [String] = []
    /// Element kinds already looked up, by (namespace, name) pointer pair: a feed uses a few
    /// dozen names, so a short list compared by pointer beats hashing the pair per element.
    private var kinds: [(key: KindKey, kind: ElementKind)] = []
    /// The root's namespace when it is not one of the known ones (`<rss xmlns="…">`, Atom drafts):
    /// elements in it are read as RSS or Atom elements.
    private var rootURI: UnsafeRawPointer?
    private var rootNamespace: FeedNamespace = .other

    private struct KindKey: Equatable {
        var uri: UnsafeRawPointer?
        var name: UnsafeRawPointer
    }

    init(limits: ParseLimits, documentURL: String?) {
        self.limits = limits
        self.documentURL = documentURL
        // libxml2 stops at depth 256 by itself (without XML_PARSE_HUGE); stay below it so the
        // error is ours and says what happened.
        self.maxDepth = min(limits.maxDepth, 250)
    }

    deinit { end() }

    // MARK: - Failing

    func fail(_ kind: ParseError.Kind, _ message: String) {
        guard failure == nil else { return }
        failure = ParseError(kind, message)
        plainRoom = 0
        if let ctxt { xmlStopParser(ctxt) }
    }

    // MARK: - Elements

    func startElement(
        name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes: SAXAttributes
    ) {
        guard failure == nil else { return }
        if let ctxt, ctxt.pointee.wellFormed == 0 { keepEntityReferencesFlowing() }
        depth += 1
        if depth > maxDepth {
            fail(.tooLarge, "elements nest deeper than \(maxDepth) levels")
            return
        }
        if attributes.count > limits.maxAttributesPerElement {
            fail(.tooLarge, "an element has \(attributes.count) attributes (limit \(limits.maxAttributesPerElement))")
            return
        }
        if attributes.count > 0, let xmlBase = attributes.value("base", namespace: .xml) {
            baseStack.append((depth, LinkResolver.resolve(xmlBase, against: currentBase)))
        }
        if skipDepth != nil { return }
        if capture != nil {
            serializeStart(name: name, prefix: prefix, attributes: attributes)
            return
        }
        if depth == 1, uri != nil, FeedNamespace(uri: uri) == .other {
            switch String(cString: name) {
            case "rss", "channel": rootNamespace = .rss
            case "feed": rootNamespace = attributes.value("version") == "0.3" ? .atom03 : .atom10
            default: break
            }
            if rootNamespace != .other { rootURI = UnsafeRawPointer(uri) }
        }
        let kind = elementKind(uri: uri, name: name)
        if depth == 1 {
            startRoot(kind, name: name, uri: uri, attributes: attributes)
            return
        }
        startChild(kind, uri: uri, attributes: attributes)
    }

    func endElement(name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        guard failure == nil else { return }
        if let ctxt, ctxt.pointee.wellFormed == 0 { keepEntityReferencesFlowing() }
        defer {
            if let last = baseStack.last, last.depth == depth { baseStack.removeLast() }
            depth -= 1
        }
        if let s = skipDepth {
            if depth == s { skipDepth = nil }
            return
        }
        if let c = capture {
            if depth > c.depth {
                serializeEnd(name: name, prefix: prefix)
                return
            }
            capture = nil
            plainRoom = 0
            finishCapture(c)
        }
        if depth == personDepth { finishPerson() }
        if depth == itemDepth { finishItem() }
    }

    private func elementKind(uri: UnsafePointer<xmlChar>?, name: UnsafePointer<xmlChar>) -> ElementKind {
        // Names and namespace URIs come from the parser's dictionary: one pointer per distinct
        // string for the whole parse, so the pointers are a sound cache key.
        let key = KindKey(uri: uri.map { UnsafeRawPointer($0) }, name: UnsafeRawPointer(name))
        if let known = kinds.first(where: { $0.key == key }) { return known.kind }
        var ns = FeedNamespace(uri: uri)
        if ns == .other, let rootURI, key.uri == rootURI { ns = rootNamespace }
        let kind = ElementKind(namespace: ns, name: name)
        // A hostile document may use thousands of names: past a few hundred, look them up anew.
        if kinds.count < 256 { kinds.append((key, kind)) }
        return kind
    }

    private func startRoot(
        _ kind: ElementKind, name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, attributes: SAXAttributes
    ) {
        let ns = FeedNamespace(uri: uri)
        switch kind {
        case .rssRoot:
            switch attributes.value("version")?.trimmedASCII {
            case "0.90", "0.9": format = .rss090
            case "0.91": format = .rss091
            case "0.92": format = .rss092
            case "0.93": format = .rss093
            case "0.94": format = .rss094
            default: format = .rss20
            }
        case .rdfRoot: format = .rss10
        case .atomFeed:
            if ns == .atom03 || rootNamespace == .atom03 || (ns == .rss && attributes.value("version") == "0.3") {
                format = .atom03
            } else {
                format = .atom10
            }
        // A bare `<channel>` root is RSS; `<CHANNEL>` is Microsoft's CDF, another format.
        case .channel where String(cString: name) == "channel": format = .rss20
        default:
            let found = String(cString: name)
            if found.lowercased() == "html" || kind == .htmlRoot {
                fail(.notAFeed, "expected RSS, Atom or JSON Feed, found an HTML document (<\(found)>)")
            } else {
                fail(.notAFeed, "expected RSS, Atom or JSON Feed, found an XML document with root <\(found)>")
            }
        }
    }

    private func startChild(_ kind: ElementKind, uri: UnsafePointer<xmlChar>?, attributes: SAXAttributes) {
        let inItem = item != nil
        // Fields count only as children of the item or of the channel/feed: an `<id>` inside an
        // unknown `<image>` in an entry is not the entry's id. Person parts, geo and media
        // elements may sit deeper (in author, georss:where, geo:Point, media:group).
        switch kind {
        case .personName, .personEmail, .georssPoint, .geoLat, .geoLong, .mediaContent, .mediaTitle,
            .mediaDescription, .mediaKeywords, .mediaCategory, .item, .channel, .skipSubtree:
            break
        default:
            guard depth == (inItem ? itemDepth : containerDepth) + 1 else { return }
        }
        switch kind {
        case .channel:
            containerDepth = depth
            if uri != nil, FeedNamespace(uri: uri) == .rss090 { format = .rss090 }
        case .item:
            guard !inItem else { return }
            item = ItemBuilder()
            itemTextBytes = 0
            item?.about = attributes.value("about", namespace: .rdf)
            itemDepth = depth
        case .atomPerson:
            personDepth = depth
            personName = nil
            personEmail = nil
        case .skipSubtree:
            skipDepth = depth
        case .link:
            if let href = attributes.value("href") {
                atomLink(href: href, attributes: attributes)
            } else {
                // Atom 0.3 links may carry the URL as text; only the alternate one is the link.
                let rel = attributes.keyword("rel")
                if rel == nil || rel == "alternate" { beginCapture(kind, isHTML: false, inItem: inItem) }
            }
        case .enclosure, .mediaContent:
            guard inItem, let url = attributes.value("url"), !url.isEmpty else { return }
            let resolved = LinkResolver.resolve(url.trimmedASCII, against: currentBase)
            guard item?.enclosures.contains(where: { $0.url == resolved }) == false else { return }
            let length = attributes.value(kind == .enclosure ? "length" : "fileSize").flatMap { Int($0) }
            item?.enclosures.append(Enclosure(url: resolved, type: attributes.value("type"), length: length))
        case .category where attributes.value("term") != nil || attributes.value("text") != nil:
            addCategory(attributes.value("term") ?? attributes.value("text") ?? "")
        case .title, .summary, .content, .subtitle:
            if kind == .content, attributes.value("src") != nil { return }
            let (isHTML, guess) = textType(kind, uri: uri, attributes: attributes)
            beginCapture(kind, isHTML: isHTML, inItem: inItem, guessHTML: guess)
            if attributes.keyword("mode") == "base64" || Self.isBase64Type(attributes.value("type")) {
                capture?.base64 = true
            }
        case .xhtmlBody:
            beginCapture(.content, isHTML: true, inItem: inItem)
        case .description, .contentEncoded, .mediaDescription:
            beginCapture(kind, isHTML: true, inItem: inItem)
        case .guid:
            if let permalink = attributes.keyword("isPermaLink") {
                item?.guidIsPermaLink = permalink != "false"
            }
            beginCapture(kind, isHTML: false, inItem: inItem)
        case .atomID, .published, .updated, .dcDate, .rssAuthor, .dcCreator, .personName, .personEmail, .category,
            .dcSubject, .mediaTitle, .mediaKeywords, .mediaCategory, .georssPoint, .geoLat, .geoLong, .ttl, .syPeriod,
            .syFrequency:
            beginCapture(kind, isHTML: false, inItem: inItem)
        case .rssRoot, .rdfRoot, .atomFeed, .htmlRoot, .mediaThumbnail, .other:
            break
        }
    }

    /// Whether a text construct holds HTML: Atom's `type` (or Atom 0.3's `mode`), else a guess for RSS titles.
    private func textType(
        _ kind: ElementKind, uri: UnsafePointer<xmlChar>?, attributes: SAXAttributes
    ) -> (isHTML: Bool, guess: Bool) {
        let type = attributes.keyword("type")
        let mode = attributes.keyword("mode")
        if mode == "escaped" || mode == "xml" { return (true, false) }
        switch type {
        case "html", "xhtml", "text/html", "application/xhtml+xml": return (true, false)
        case "text", "text/plain": return (false, false)
        case .some: return (false, false)
        case nil:
            let ns = FeedNamespace(uri: uri)
            if ns.isAtom { return (kind == .content && format == .atom03, false) }
            return (kind != .title, kind == .title)
        }
    }

    /// Atom 1.0 (RFC 4287 §4.1.3.3): a MIME type that is neither XML nor text means base64.
    static func isBase64Type(_ type: String?) -> Bool {
        // Most types are `text`, `html` or `xhtml`: no slash, no lowercasing needed.
        guard let type, type.utf8.contains(0x2F) else { return false }
        let t = type.lowercased()
        return !t.hasPrefix("text/") && !t.hasSuffix("+xml") && !t.hasSuffix("/xml")
    }

    private func beginCapture(_ kind: ElementKind, isHTML: Bool, inItem: Bool, guessHTML: Bool = false) {
        buffer.removeAll()
        capture = Capture(
            kind: kind, depth: depth, isHTML: isHTML, guessHTML: guessHTML, inItem: inItem)
        plainRoom = max(0, limits.maxTextBytesPerItem - (inItem ? itemTextBytes : 0))
    }

    private func atomLink(href: String, attributes: SAXAttributes) {
        let rel = attributes.keyword("rel") ?? "alternate"
        let url = LinkResolver.resolve(href.trimmedASCII, against: currentBase)
        if item != nil {
            switch rel {
            case "alternate", "http://www.iana.org/assignments/relation/alternate":
                if item?.alternateLink == nil { item?.alternateLink = url }
            case "enclosure":
                guard item?.enclosures.contains(where: { $0.url == url }) == false else { return }
                let length = attributes.value("length").flatMap { Int($0) }
                item?.enclosures.append(Enclosure(url: url, type: attributes.value("type"), length: length))
            default: break
            }
        } else if rel == "alternate", feed.alternateLink == nil {
            feed.alternateLink = url
        }
    }

    private func addCategory(_ term: String) {
        let t = term.trimmedASCII
        guard !t.isEmpty, item != nil, item?.categories.contains(t) == false else { return }
        item?.categories.append(t)
    }

    private func addAuthor(_ name: String) {
        let a = name.trimmedASCII
        guard !a.isEmpty else { return }
        if item != nil {
            if item?.authors.contains(a) == false { item?.authors.append(a) }
        } else if !feed.authors.contains(a) {
            feed.authors.append(a)
        }
    }

    private func finishPerson() {
        personDepth = -1
        if let name = personName, let email = personEmail {
            addAuthor("\(name) (\(email))")
        } else if let name = personName ?? personEmail {
            addAuthor(name)
        }
    }

    private func finishItem() {
        itemDepth = -1
        guard let finished = item else { return }
        item = nil
        if items.count < limits.maxItems {
            items.append(finished)
        } else {
            droppedItems += 1
        }
    }
}
