import CLibXML2

/// The physical limit for "parse with libxml2": a SAX2 pass whose callbacks do nothing, over
/// the same bytes, with the same safe options a feed parser must use (never NOENT, DTDLOAD,
/// XINCLUDE or HUGE; see FACTS.md).
enum RawSAXPass {
    static let options = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_RECOVER.rawValue)

    /// A SAX2 handler with empty element, text and CDATA callbacks and a silent error callback.
    static var handler: xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        handler.cdataBlock = { _, _, _ in }
        handler.serror = { _, _ in }
        return handler
    }

    /// One document through a memory parser context. Returns false when libxml2 found it ill-formed.
    @discardableResult
    static func memory(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress,
                    let context = xmlCreateMemoryParserCtxt(base, Int32(chars.count))
                else { return false }
                defer { xmlFreeParserCtxt(context) }
                // Overwrite the default SAX2 (tree-building) handler in place: libxml2 owns that memory.
                context.pointee.sax.pointee = handler
                xmlCtxtUseOptions(context, options)
                xmlParseDocument(context)
                return context.pointee.wellFormed != 0
            }
        }
    }

    /// One document through a push parser context, fed in one chunk.
    @discardableResult
    static func push(_ bytes: [UInt8]) -> Bool {
        var saxHandler = handler
        guard let context = xmlCreatePushParserCtxt(&saxHandler, nil, nil, 0, nil) else { return false }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, options)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlParseChunk(context, chars.baseAddress, Int32(chars.count), 1)
            }
        }
        return status == 0 && context.pointee.wellFormed != 0
    }
}
