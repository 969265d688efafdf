import Foundation

/// The status and header fields of one response in a transfer (a transfer has one per redirect hop).
struct ResponseHead: Sendable {
    var status: Int
    /// By lower-cased name; a repeated field keeps its last value.
    var headers: [String: String] = [:]

    subscript(_ name: String) -> String? { headers[name] }
}

extension ResponseHead {
    /// Bounds on what a server may ask for in Retry-After (RFC 9110 §10.2.3): not sooner than a second, not
    /// later than a day — a server once asked for 11 years (FACTS.md).
    static let retryAfterBounds: ClosedRange<TimeInterval> = 1...86_400

    /// Retry-After as seconds from `now`, in either form (delay-seconds or HTTP date), clamped to
    /// `retryAfterBounds`; nil when absent or unreadable.
    func retryAfter(now: Date) -> TimeInterval? {
        guard let value = self["retry-after"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        let seconds: TimeInterval
        if value.allSatisfy(\.isASCIIDigit) {
            seconds = TimeInterval(value.prefix(12)) ?? Self.retryAfterBounds.upperBound
        } else if let date = HTTPDate.parse(value) {
            seconds = date.timeIntervalSince(now)
        } else {
            return nil
        }
        return min(max(seconds, Self.retryAfterBounds.lowerBound), Self.retryAfterBounds.upperBound)
    }

    /// How long the response stays fresh: Cache-Control max-age (RFC 9111 §5.2.2.1), else Expires minus Date
    /// (§5.3; an unreadable Expires means "already expired"). nil when the server says neither.
    func freshFor(now: Date) -> TimeInterval? {
        if let control = self["cache-control"] {
            for directive in control.split(separator: ",") {
                let pair = directive.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "max-age" else {
                    continue
                }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                if let seconds = TimeInterval(value.prefix(12)), seconds >= 0 { return seconds }
            }
        }
        guard let expires = self["expires"] else { return nil }
        guard let expiry = HTTPDate.parse(expires) else { return 0 }
        let origin = self["date"].flatMap(HTTPDate.parse) ?? now
        return max(0, expiry.timeIntervalSince(origin))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
