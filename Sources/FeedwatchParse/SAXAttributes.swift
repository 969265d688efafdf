import CLibXML2
import Foundation

/// The attributes libxml2's SAX2 `startElementNs` passes: five pointers each (local name,
/// prefix, URI, value start, value end), values not NUL-terminated.
struct SAXAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute named `local` (in no namespace, or in `namespace` if given).
    func value(_ local: StaticString, namespace: FeedNamespace? = nil) -> String? {
        valueBytes(local, namespace: namespace).map { Self.decode($0) }
    }

    /// The value of `local` as a keyword: ASCII whitespace trimmed, ASCII letters lower-cased.
    /// Keywords (`html`, `false`, `alternate`) fit a small string, so no allocation is made.
    func keyword(_ local: StaticString) -> String? {
        guard let bytes = valueBytes(local)?.trimmedASCII else { return nil }
        guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return Self.decode(bytes) }
        return Self.decode(bytes).lowercased()
    }

    /// The raw bytes of the value of `local` (an empty buffer for an empty value).
    private func valueBytes(_ local: StaticString, namespace: FeedNamespace? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let name = base[5 * i] else { continue }
            let n = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
            guard n == local.utf8CodeUnitCount, memcmp(name, local.utf8Start, n) == 0 else { continue }
            if let namespace {
                guard FeedNamespace(uri: base[5 * i + 2]) == namespace else { continue }
            }
            guard let start = base[5 * i + 3], let end = base[5 * i + 4], end >= start else {
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Without `XML_PARSE_NOENT`, libxml2 hands back every `&` of an attribute value as `&#38;`
    /// (for a later tree pass that SAX never runs); that is the only way `&` can appear, so
    /// turning each `&#38;` back into `&` is exact.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, memchr(base, 0x26, bytes.count) != nil else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x26, i + 4 < bytes.count, bytes[i + 1] == 0x23, bytes[i + 2] == 0x33,
                bytes[i + 3] == 0x38, bytes[i + 4] == 0x3B
            {
                out.append(0x26)
                i += 5
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
