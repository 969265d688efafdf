import CLibXML2

extension FeedSAXReader {
    /// The options every XML parse uses. Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or
    /// HUGE (see FACTS.md): entities stay ours to expand, nothing is ever loaded.
    static let options: Int32 = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue)

    static func from(_ ctx: UnsafeMutableRawPointer?) -> FeedSAXReader? {
        guard let ctx else { return nil }
        return Unmanaged<FeedSAXReader>.fromOpaque(ctx).takeUnretainedValue()
    }

    /// A SAX2 handler whose callbacks forward to the reader passed as user data. The DTD
    /// callbacks are left out on purpose: no internal subset is built, no external subset is
    /// loaded, and `getEntity` knows only the five predefined entities.
    static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startDocument = { ctx in FeedSAXReader.from(ctx)?.keepEntityReferencesFlowing() }
        sax.internalSubset = { ctx, _, _, _ in FeedSAXReader.from(ctx)?.keepEntityReferencesFlowing() }
        // The hot callbacks borrow the reader (`run` keeps it alive) instead of retaining and
        // releasing it on every element and text node.
        sax.startElementNs = { ctx, localname, prefix, uri, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<FeedSAXReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(
                    name: localname, prefix: prefix, uri: uri,
                    attributes: SAXAttributes(base: attributes, count: Int(nbAttributes)))
            }
        }
        sax.endElementNs = { ctx, localname, prefix, _ in
            guard let ctx, let localname else { return }
            Unmanaged<FeedSAXReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.endElement(name: localname, prefix: prefix)
            }
        }
        sax.characters = { ctx, chars, len in
            guard let ctx, let chars, len > 0 else { return }
            Unmanaged<FeedSAXReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.characters(UnsafeBufferPointer(start: chars, count: Int(len)))
            }
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.reference = { ctx, name in
            guard let reader = FeedSAXReader.from(ctx), let name else { return }
            reader.reference(name)
        }
        sax.getEntity = { _, name in
            guard let name else { return nil }
            return xmlGetPredefinedEntity(name)
        }
        sax.getParameterEntity = { _, _ in nil }
        sax.entityDecl = { ctx, name, type, _, _, content in
            guard let reader = FeedSAXReader.from(ctx), let name else { return }
            reader.entityDecl(name: name, type: type, content: content)
        }
        sax.resolveEntity = { _, _, _ in nil }
        sax.serror = { ctx, error in
            guard let reader = FeedSAXReader.from(ctx), let error else { return }
            reader.recordError(error.pointee)
        }
        return sax
    }

    /// Two libxml2 2.9 behaviours would lose text from real feeds: a reference to an undeclared
    /// entity (`&eacute;`) is a fatal error that never reaches `reference()` unless the document
    /// may have an external subset, and after any error `xmlParseReference` drops every later
    /// reference, even `&amp;`. So the parser is told an external subset may exist (it is never
    /// loaded: there is no `externalSubset` callback and the entity loader denies everything),
    /// and its well-formedness flag is reset after each error, which feedwatch counts itself.
    func keepEntityReferencesFlowing() {
        guard let ctxt else { return }
        ctxt.pointee.hasExternalSubset = 1
        if ctxt.pointee.standalone == 1 { ctxt.pointee.standalone = 0 }
        ctxt.pointee.wellFormed = 1
    }

    func recordError(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // HTML entities in feeds (`&eacute;`) are undeclared in XML terms but expanded in
        // `reference()`; they do not make the document partial.
        if error.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) { return }
        errorCount += 1
        if error.code == Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue)
            || error.code == Int32(XML_ERR_NAME_REQUIRED.rawValue)
        {
            markupSlip = true  // a bare `&` or `<`, perhaps: `FeedParser` looks, and reads the document again
        }
        if error.code == Int32(XML_ERR_INVALID_CHAR.rawValue), let message = error.message {
            let text = String(cString: message)
            if text.hasPrefix("Input is not proper UTF-8") { notUTF8 = true }
            if text.hasPrefix("Char 0x0 ") { markupSlip = true }
        }
        if error.code == Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue) { unsupportedEncoding = true }
        if error.code == Int32(XML_ERR_INTERNAL_ERROR.rawValue), failure == nil,
            let message = error.message, String(cString: message).contains("depth")
        {
            fail(.tooLarge, "elements nest deeper than libxml2 allows")
        }
        if errorMessages.count < 3, let message = error.message {
            let text = String(cString: message).trimmedASCII
            errorMessages.append("line \(error.line): \(text)")
        }
    }
}
