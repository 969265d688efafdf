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
}
