import CLibXML2
import Foundation

/// HTML as plain text, for matching: libxml2's HTML parser (no network, no error output) decodes
/// entities and finds the tags; script and style content is dropped, block elements become word
/// breaks, and runs of whitespace collapse to one space.
///
/// Creating an HTML parser context costs about as much as parsing a short description, so all the
/// fragments of one feed go through one parser, separated by a marker element. If one fragment
/// swallows a marker (an unclosed comment, script or attribute quote), the count comes out wrong
/// and each fragment is parsed on its own instead.
enum HTMLText {
    /// The marker between fragments; a fragment that contains it is parsed on its own.
    static let marker: [UInt8] = Array("<fwsep9q>".utf8)
    private static let markerName: [UInt8] = Array("fwsep9q".utf8)

    /// Plain text for each fragment, in order.
    static func plainText(of fragments: [[UInt8]]) -> [String] {
        var results = [String?](repeating: nil, count: fragments.count)
        var left: [Int] = []
        for (index, fragment) in fragments.enumerated() {
            if let fast = fragment.withUnsafeBufferPointer({ fastPlainText(of: $0) }) {
                results[index] = fast
            } else {
                left.append(index)
            }
        }
        for (index, text) in zip(left, parsedPlainText(of: left.map { fragments[$0] })) { results[index] = text }
        return results.map { $0 ?? "" }
    }

    /// Plain text for each fragment from libxml2's HTML parser: one parser for all of them
    /// (each on its own if they do not come apart cleanly).
    static func parsedPlainText(of fragments: [[UInt8]]) -> [String] {
        var results = [String?](repeating: nil, count: fragments.count)
        var batch: [Int] = []
        for (index, fragment) in fragments.enumerated() {
            if contains(fragment, caseInsensitive: markerName) {
                results[index] = parseOne(fragment)
            } else {
                batch.append(index)
            }
        }
        if batch.count == 1 {
            results[batch[0]] = parseOne(fragments[batch[0]])
        } else if batch.count > 1 {
            var joined: [UInt8] = []
            joined.reserveCapacity(batch.reduce(0) { $0 + fragments[$1].count + marker.count })
            for index in batch {
                joined += fragments[index]
                joined += marker
            }
            let texts = run(joined)
            if texts.count == batch.count + 1 {
                for (k, index) in batch.enumerated() { results[index] = texts[k] }
            } else {
                for index in batch { results[index] = parseOne(fragments[index]) }
            }
        }
        return results.map { $0.map(unescapedTwice) ?? "" }
    }

    /// Plain text of one fragment.
    static func plainText(of fragment: [UInt8]) -> String {
        fragment.withUnsafeBufferPointer { fastPlainText(of: $0) } ?? parseOne(fragment)
    }

    /// Plain text without libxml2, or nil when its HTML parser must decide: text with no tag and
    /// no reference only has its whitespace collapsed; the rest goes to the fast path.
    static func fastPlainText(of p: UnsafeBufferPointer<UInt8>) -> String? {
        guard needsParser(p) else { return collapsed(p) }
        var decodedLessThan = false
        guard let text = SimpleHTMLText.plainText(of: p, decodedLessThan: &decodedLessThan) else { return nil }
        return decodedLessThan ? unescapedTwice(text) : text
    }

    /// Text from HTML whose tags were escaped once too often (`&amp;lt;p&amp;gt;`, a common
    /// publishing slip): what came out still holds tags. When it holds a closing tag (`</p>`,
    /// `</a>`), it is read as HTML once more, so snippets show the story, not its markup, and the
    /// words of a link's URL are not matched as the story's. Otherwise it is left as it is.
    static func unescapedTwice(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ holdsClosingTag($0) }) else { return text }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { SimpleHTMLText.plainText(of: $0) } ?? parseOne(bytes)
    }

    /// Whether the bytes hold `</` and a tag name closed by `>`.
    private static func holdsClosingTag(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return false }
        var offset = 0
        while offset < p.count, let hit = memchr(base + offset, 0x3C, p.count - offset) {
            var i = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base + 1
            offset = i
            guard i < p.count, p[i] == 0x2F else { continue }
            i += 1
            let name = i
            while i < p.count, i - name < 16, ASCII.isLetter(p[i]) || (i > name && ASCII.isDigit(p[i])) { i += 1 }
            if i > name, i < p.count, p[i] == 0x3E { return true }
        }
        return false
    }

    /// Plain text of one fragment from libxml2's HTML parser alone (no fast path): the
    /// reference the fast path is tested against.
    static func parsedPlainText(of fragment: [UInt8]) -> String {
        parseOne(fragment)
    }

    /// True when the bytes hold a tag or an entity or character reference.
    static func needsParser(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return false }
        return memchr(base, 0x3C, p.count) != nil || memchr(base, 0x26, p.count) != nil
    }

    /// The bytes with whitespace runs collapsed to one space and trimmed.
    static func collapsed(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { collapsed($0) }
    }

    static func collapsed(_ p: UnsafeBufferPointer<UInt8>) -> String {
        CollapsingWriter.string(capacity: p.count) { writer in
            writer.append(p)
            return true
        } ?? ""
    }

    private static func parseOne(_ fragment: [UInt8]) -> String {
        run(fragment).first ?? ""
    }

    /// Case-insensitive search for the marker name: `memchr` finds each `9` (case-free, and rare
    /// in text), then the bytes around it are compared.
    private static func contains(_ haystack: [UInt8], caseInsensitive needle: [UInt8]) -> Bool {
        guard let pivot = needle.firstIndex(of: 0x39) else { return false }
        return haystack.withUnsafeBufferPointer { p -> Bool in
            guard let base = p.baseAddress, p.count >= needle.count else { return false }
            var offset = pivot
            while offset < p.count, let hit = memchr(base + offset, 0x39, p.count - offset) {
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                let start = at - pivot
                if start >= 0, start + needle.count <= p.count {
                    var k = 0
                    while k < needle.count, p[start + k] | 0x20 == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                offset = at + 1
            }
            return false
        }
    }

    /// Runs the HTML parser over `html` and returns the text between markers.
    private static func run(_ html: [UInt8]) -> [String] {
        LibXML2Setup.ensure()
        let state = HTMLTextState()
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElement = { ctx, name, _ in
            guard let ctx, let name else { return }
            HTMLTextState.from(ctx).start(name)
        }
        sax.endElement = { ctx, name in
            guard let ctx, let name else { return }
            HTMLTextState.from(ctx).end(name)
        }
        sax.characters = { ctx, chars, len in
            guard let ctx, let chars, len > 0 else { return }
            HTMLTextState.from(ctx).characters(UnsafeBufferPointer(start: chars, count: Int(len)))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.serror = { _, _ in }
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let user = Unmanaged.passUnretained(state).toOpaque()
        withExtendedLifetime(state) {
            guard let ctxt = htmlCreatePushParserCtxt(&sax, user, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
                return
            }
            defer { htmlFreeParserCtxt(ctxt) }
            _ = htmlCtxtUseOptions(ctxt, options)
            html.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { c in
                    _ = htmlParseChunk(ctxt, c.baseAddress, Int32(c.count), 1)
                }
            }
        }
        state.texts.append(state.current.finish())
        return state.texts
    }
}

/// What the HTML SAX callbacks collect.
private final class HTMLTextState {
    var texts: [String] = []
    var current = TextCollector()
    var skipDepth = 0

    static func from(_ ctx: UnsafeMutableRawPointer) -> HTMLTextState {
        Unmanaged<HTMLTextState>.fromOpaque(ctx).takeUnretainedValue()
    }

    func start(_ name: UnsafePointer<xmlChar>) {
        switch HTMLElementClass(name) {
        case .marker:
            texts.append(current.finish())
            current = TextCollector()
            skipDepth = 0
        case .dropped: skipDepth += 1
        case .block: current.breakWord()
        case .inline: break
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        switch HTMLElementClass(name) {
        case .dropped: skipDepth = max(0, skipDepth - 1)
        case .block: current.breakWord()
        case .marker, .inline: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0 else { return }
        current.append(bytes)
    }
}

/// How an HTML element affects the text: lower-case names, as libxml2's HTML parser reports them.
private enum HTMLElementClass {
    case marker, dropped, block, inline

    init(_ name: UnsafePointer<xmlChar>) {
        let n = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        func equals(_ s: StaticString) -> Bool {
            n == s.utf8CodeUnitCount && memcmp(name, s.utf8Start, n) == 0
        }
        if n == 7, equals("fwsep9q") {
            self = .marker
        } else if equals("script") || equals("style") || equals("noscript") || equals("template") {
            self = .dropped
        } else if n <= 2 || equals("div") || equals("p") || equals("br") || equals("li") || equals("table")
            || equals("blockquote") || equals("pre") || equals("section") || equals("article")
            || equals("header") || equals("footer") || equals("figure") || equals("figcaption")
            || equals("caption") || equals("address") || equals("aside") || equals("nav")
        {
            // Every name of two letters or fewer that is not inline text markup is a block:
            // h1–h6, tr, td, th, ul, ol, dl, dt, dd, hr, li, br, p.
            self =
                (equals("a") || equals("b") || equals("i") || equals("u") || equals("s") || equals("em")
                    || equals("tt") || equals("q")) ? .inline : .block
        } else {
            self = .inline
        }
    }
}
