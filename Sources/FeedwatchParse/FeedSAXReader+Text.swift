import CLibXML2
import FeedwatchModel
import Foundation

extension FeedSAXReader {
    /// Character data (text and CDATA). Counted against the document bound whether kept or not.
    /// The usual call — more plain text for the open field, within its budget — is one check
    /// and a copy; everything else takes `moreCharacters`.
    @inline(__always)
    func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        if let ctxt, ctxt.pointee.wellFormed == 0 { keepEntityReferencesFlowing() }
        documentTextBytes &+= chunk.count
        if chunk.count <= plainRoom, documentTextBytes <= limits.maxTextBytesPerDocument {
            plainRoom -= chunk.count
            itemTextBytes += chunk.count
            buffer.append(chunk)
        } else {
            moreCharacters(chunk)
        }
    }

    /// Character data past the open field's budget, outside any field, in markup, or after a failure.
    private func moreCharacters(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        if documentTextBytes > limits.maxTextBytesPerDocument {
            fail(.tooLarge, "the document holds more than \(limits.maxTextBytesPerDocument) bytes of text")
            return
        }
        // Fields of `capture` are read one by one: copying the struct would retain its strings
        // on every call.
        guard skipDepth == nil, capture != nil else { return }
        var kept = chunk
        if capture?.inItem == true {
            let room = limits.maxTextBytesPerItem - itemTextBytes
            if room < chunk.count {
                item?.truncated = true
                guard room > 0 else { return }
                kept = UnsafeBufferPointer(rebasing: chunk[0..<room])
            }
            itemTextBytes += kept.count
        } else if buffer.count + chunk.count > limits.maxTextBytesPerItem {
            return
        }
        if capture?.markup == true {
            appendEscaped(kept)
        } else {
            buffer.append(kept)
        }
    }

    /// A reference to an entity libxml2 does not know. Every entity the document declares is
    /// kept away from libxml2 (see `entityDecl`), so this is where HTML entities in feeds
    /// (`&eacute;`, `&nbsp;`) and the document's own internal entities are expanded, within a budget.
    func reference(_ name: UnsafePointer<xmlChar>) {
        if ctxt?.pointee.instate == XML_PARSER_ATTRIBUTE_VALUE {
            // In an attribute value: libxml2 leaves no room for the text here, so the document
            // is read again with the reference written as a number (`MarkupRepair`).
            if htmlEntityLookup(name) != nil { markupSlip = true }
            return
        }
        guard failure == nil, skipDepth == nil, capture != nil else { return }
        let key = String(cString: name)
        if let entity = htmlEntityLookup(name) {
            var scalar = [UInt8]()
            if let s = Unicode.Scalar(entity.pointee.value) { scalar = Array(String(Character(s)).utf8) }
            scalar.withUnsafeBufferPointer { characters($0) }
        } else if let value = entities[key] {
            var expanded: [UInt8] = []
            guard expand(value, into: &expanded, level: 0) else {
                fail(.tooLarge, "entity expansion exceeds \(limits.maxEntityExpansionBytes) bytes")
                return
            }
            expanded.withUnsafeBufferPointer { characters($0) }
        } else {
            // Unknown: keep it as written rather than lose the text around it.
            let literal = Array("&\(key);".utf8)
            literal.withUnsafeBufferPointer { characters($0) }
        }
    }

    /// Expands nested references in an internal entity's value, charging every byte to the budget.
    private func expand(_ value: [UInt8], into out: inout [UInt8], level: Int) -> Bool {
        var i = 0
        while i < value.count {
            let b = value[i]
            if b == 0x26, level < 8, let semi = value[i...].firstIndex(of: 0x3B), semi - i < 64 {
                let name = String(decoding: value[(i + 1)..<semi], as: UTF8.self)
                if let nested = entities[name] {
                    guard expand(nested, into: &out, level: level + 1) else { return false }
                    i = semi + 1
                    continue
                }
            }
            out.append(b)
            entityBytes += 1
            if entityBytes > limits.maxEntityExpansionBytes { return false }
            i += 1
        }
        return true
    }

    /// An entity declaration: internal general entities are remembered (bounded) and never
    /// given to libxml2, so it has nothing to expand; external ones are ignored.
    func entityDecl(name: UnsafePointer<xmlChar>, type: Int32, content: UnsafePointer<xmlChar>?) {
        guard type == Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), let content, entities.count < 1_000 else { return }
        let n = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
        guard n <= 65_536 else { return }
        entities[String(cString: name)] = Array(UnsafeBufferPointer(start: content, count: n))
    }

    // MARK: - Markup inside a field (XHTML content, or HTML written unescaped into RSS)

    func serializeStart(name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, attributes: SAXAttributes) {
        guard var c = capture else { return }
        if !c.markup {
            // Text collected so far was raw; from now on the buffer is markup, so escape it.
            let raw = Array(buffer.bytes)
            buffer.removeAll()
            raw.withUnsafeBufferPointer { appendEscaped($0) }
            plainRoom = 0
            c.markup = true
            c.isHTML = true
        }
        buffer.append(0x3C)
        appendName(name, prefix: prefix)
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let local = base[5 * i] else { continue }
                buffer.append(0x20)
                appendName(local, prefix: base[5 * i + 1])
                buffer.append("=\"")
                if let start = base[5 * i + 3], let end = base[5 * i + 4], end >= start {
                    let value = SAXAttributes.decode(UnsafeBufferPointer(start: start, count: end - start))
                    var copy = value
                    copy.withUTF8 { appendEscaped($0, quote: true) }
                }
                buffer.append(0x22)
            }
        }
        buffer.append(0x3E)
        c.afterStartTag = buffer.count
        capture = c
    }

    func serializeEnd(name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        guard let c = capture else { return }
        if c.afterStartTag == buffer.count {
            buffer.removeLast()
            buffer.append("/>")
        } else {
            buffer.append("</")
            appendName(name, prefix: prefix)
            buffer.append(0x3E)
        }
        capture?.afterStartTag = -1
    }

    private func appendName(_ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        if let prefix {
            buffer.append(
                UnsafeBufferPointer(
                    start: prefix, count: strlen(UnsafeRawPointer(prefix).assumingMemoryBound(to: CChar.self))))
            buffer.append(0x3A)
        }
        buffer.append(
            UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, quote: Bool = false) {
        for b in bytes {
            switch b {
            case 0x26: buffer.append("&amp;")
            case 0x3C: buffer.append("&lt;")
            case 0x3E: buffer.append("&gt;")
            case 0x22 where quote: buffer.append("&quot;")
            default: buffer.append(b)
            }
        }
    }
}
