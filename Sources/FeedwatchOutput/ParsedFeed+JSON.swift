import FeedwatchModel
import Foundation

extension ParsedFeed {
    /// The feed in the contract shape of `feedwatch parse --json`:
    /// `{"title","link","format","items":[{"id","title","link","published","updated","authors","categories",
    /// "summary","content"}]}` plus the extensions `subtitle`, `updated`, `authors`, `encoding`, `partial`,
    /// `warnings` and, per item, `enclosures` and `geo`.
    /// Dates are RFC 3339 UTC or null, absent strings null, and every string is `sanitized`, so the
    /// output is safe to print and to read line by line.
    public func contractJSON(pretty: Bool) -> String {
        let w = ContractJSONWriter(pretty: pretty)
        w.object {
            w.key("title") { w.string(title) }
            w.key("link") { w.string(link) }
            w.key("subtitle") { w.string(subtitle) }
            w.key("updated") { w.string(updated.map(RFC3339.string(from:))) }
            w.key("authors") { w.array(authors) { w.string($0) } }
            w.key("format") { w.string(format.rawValue) }
            w.key("encoding") { w.string(encoding) }
            w.key("partial") { w.bool(partial) }
            w.key("warnings") { w.array(warnings) { w.string($0) } }
            w.key("items") {
                w.array(items) { item in
                    w.object {
                        w.key("id") { w.string(item.id) }
                        w.key("title") { w.string(item.title) }
                        w.key("link") { w.string(item.link) }
                        w.key("published") { w.string(item.published.map(RFC3339.string(from:))) }
                        w.key("updated") { w.string(item.updated.map(RFC3339.string(from:))) }
                        w.key("authors") { w.array(item.authors) { w.string($0) } }
                        w.key("categories") { w.array(item.categories) { w.string($0) } }
                        w.key("summary") { w.string(item.summary) }
                        w.key("content") { w.string(item.content) }
                        w.key("enclosures") {
                            w.array(item.enclosures) { e in
                                w.object {
                                    w.key("url") { w.string(e.url) }
                                    w.key("type") { w.string(e.type) }
                                    w.key("length") { w.number(e.length.map(Double.init)) }
                                }
                            }
                        }
                        w.key("geo") {
                            if let geo = item.geo {
                                w.object {
                                    w.key("lat") { w.number(geo.latitude) }
                                    w.key("lon") { w.number(geo.longitude) }
                                }
                            } else {
                                w.null()
                            }
                        }
                    }
                }
            }
        }
        return w.output
    }
}

/// A small streaming JSON writer that keeps keys in the order written (the contract's order)
/// and sanitizes every string it writes.
private final class ContractJSONWriter {
    let pretty: Bool
    private(set) var output = ""
    private var level = 0
    private var first = true

    init(pretty: Bool) { self.pretty = pretty }

    func object(_ body: () -> Void) {
        output += "{"
        nest(body)
        output += "}"
    }

    func array<T>(_ elements: [T], _ body: (T) -> Void) {
        output += "["
        nest {
            for element in elements {
                separator()
                body(element)
            }
        }
        output += "]"
    }

    func key(_ name: String, _ value: () -> Void) {
        separator()
        appendQuoted(name)
        output += pretty ? ": " : ":"
        value()
    }

    func string(_ value: String?) {
        guard let value else { return null() }
        appendQuoted(value.sanitized)
    }

    func bool(_ value: Bool) { output += value ? "true" : "false" }

    func number(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 {
            output += String(Int64(value))
        } else {
            output += "\(value)"
        }
    }

    func null() { output += "null" }

    private func nest(_ body: () -> Void) {
        level += 1
        first = true
        body()
        level -= 1
        if !first, pretty { newline() }
        first = false
    }

    private func separator() {
        if !first { output += "," }
        first = false
        if pretty { newline() }
    }

    private func newline() {
        output += "\n" + String(repeating: "  ", count: level)
    }

    private func appendQuoted(_ s: String) {
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
