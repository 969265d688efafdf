import CLibXML2
import Foundation

/// Resolves relative references (RFC 3986) against xml:base and the feed URL, with libxml2's
/// `xmlBuildURI`, so resolution follows one implementation everywhere in the parser.
enum LinkResolver {
    /// `reference` made absolute against `base`; unchanged when it is already absolute, when
    /// there is no base, or when the two cannot be combined.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty, !hasScheme(reference) else { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        // `xmlFree` is a mutable global in Swift's eyes; feedwatch never replaces libxml2's allocator, so it is `free`.
        defer { free(built) }
        return String(cString: built)
    }

    /// True when `s` starts with `scheme:` (RFC 3986 §3.1).
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A: first = false
            case 0x30...0x39, 0x2B, 0x2D, 0x2E: if first { return false }
            case 0x3A: return !first
            default: return false
            }
        }
        return false
    }
}
