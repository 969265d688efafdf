import FeedwatchModel
import Foundation

/// Which alerts a reader wants (`tail --place kirkuk --min-severity high --since 2h`). Every
/// condition given must hold; within `places` (or `groups`), any one entity will do.
public struct AlertFilter: Sendable, Hashable {
    /// Entity ids of places; a match on any of them passes.
    public var places: [String]
    /// Entity ids of groups; a match on any of them passes.
    public var groups: [String]
    public var minSeverity: Severity?
    /// Alerts raised at or after this time.
    public var since: Date?

    public init(places: [String] = [], groups: [String] = [], minSeverity: Severity? = nil, since: Date? = nil) {
        self.places = places
        self.groups = groups
        self.minSeverity = minSeverity
        self.since = since
    }

    public func accepts(_ alert: Alert) -> Bool {
        if let minSeverity, alert.severity < minSeverity { return false }
        if let since, alert.timestamp < since { return false }
        if !places.isEmpty, !alert.matches.contains(where: { $0.kind == .place && places.contains($0.entity) }) {
            return false
        }
        if !groups.isEmpty, !alert.matches.contains(where: { $0.kind == .group && groups.contains($0.entity) }) {
            return false
        }
        return true
    }

    /// The alert on a log line when it is one this filter accepts.
    public func alert(onLine line: some StringProtocol) -> Alert? {
        guard let alert = AlertLine.decode(line), accepts(alert) else { return nil }
        return alert
    }
}
