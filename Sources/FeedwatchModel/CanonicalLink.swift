import Foundation

/// A link reduced to what identifies the page: scheme and host lower-cased, the default port,
/// the fragment and tracking parameters (`utm_*`, `fbclid`, `gclid`…) removed. Two outlets
/// linking the same story with different campaign tags give the same canonical link.
public enum CanonicalLink {
    /// Query parameters that track the reader, not the page.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi",
        "ocid", "cmpid", "ref_src", "ref_url", "smid", "sr_share",
    ]

    /// The canonical form of `link`, or nil when it is not an absolute http(s) URL.
    public static func canonical(_ link: String) -> String? {
        if isAlreadyCanonical(link) { return link }
        return parsedCanonical(link)
    }

    /// The canonical form through Foundation's URL parser.
    static func parsedCanonical(_ link: String) -> String? {
        guard var components = URLComponents(string: link.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if components.port == (scheme == "https" ? 443 : 80) { components.port = nil }
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        if components.path.isEmpty { components.path = "/" }
        return components.string
    }

    /// Most links in feeds are canonical as written — `http(s)://host/path`, a lower-case host,
    /// no port, query, fragment, escape or space — and parsing each (once per alert, at commit)
    /// cost a real share of a busy cycle. Those come back as they are, which is exactly what the
    /// parser gives for them (a test holds the two to each other).
    static func isAlreadyCanonical(_ link: String) -> Bool {
        var utf8 = link.utf8[...]
        if utf8.starts(with: "https://".utf8) {
            utf8 = utf8.dropFirst(8)
        } else if utf8.starts(with: "http://".utf8) {
            utf8 = utf8.dropFirst(7)
        } else {
            return false
        }
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")), slash != utf8.startIndex else { return false }
        for byte in utf8[..<slash] {
            // Host characters only: no upper case, port, user info or anything to decode.
            guard (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2E
            else { return false }
        }
        for byte in utf8[slash...] {
            // Path characters that need no escaping (RFC 3986 pchar, without `%`).
            switch byte {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: continue
            case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
                continue
            default: return false
            }
        }
        return true
    }
}
