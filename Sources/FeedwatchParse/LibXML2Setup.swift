import CLibXML2

/// Process-wide libxml2 set-up, done once before the first parse.
enum LibXML2Setup {
    /// Swift runs a `static let` initializer exactly once, thread-safely.
    private static let done: Bool = {
        xmlInitParser()
        // Backstop: whatever option a future change sets by mistake, libxml2 can never
        // open a file or URL to resolve an external entity or DTD.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        // Errors raised outside a parser's own handler (a decoder that fails, an I/O error)
        // would go to stderr, line by line, into the journal. The parse notices them itself
        // (`FeedSAXReader.end`), so they go nowhere: for threads that meet libxml2 later, and this one.
        xmlThrDefSetStructuredErrorFunc(nil) { _, _ in }
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        return true
    }()

    static func ensure() { _ = done }
}
