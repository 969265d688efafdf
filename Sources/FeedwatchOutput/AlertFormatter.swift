import FeedwatchModel
import Foundation

/// An alert as one readable line for a person:
///
///     2016-10-21 03:12Z HIGH     [place-and-group] Kirkuk · Islamic State — Title (feed-id) https://…
///
/// Time (UTC, to the minute), severity, rule, the places and groups named (the topics when
/// neither is), the title, the feed and the link. All feed text is sanitized; with `color`, the
/// only escape sequences in the line are the formatter's own.
public struct AlertFormatter: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func format(_ alert: Alert) -> String {
        let style = TerminalStyle(enabled: color)
        var parts: [String] = []
        parts.append(style.dim(Self.minuteTimestamp(alert.timestamp)))
        let severity = alert.severity.rawValue.uppercased()
        parts.append(
            style.severity(alert.severity, severity) + String(repeating: " ", count: max(0, 8 - severity.count)))
        parts.append("[\(alert.rule.sanitized)]")
        let names = Self.entityNames(alert)
        var line = parts.joined(separator: " ")
        if !names.isEmpty { line += " " + style.bold(names.joined(separator: " · ")) }
        let title = alert.item.title?.sanitized ?? ""
        line += " — " + (title.isEmpty ? style.dim("(no title)") : title)
        line += " " + style.dim("(\(alert.feed.id.sanitized))")
        if let link = alert.item.link?.sanitized, !link.isEmpty { line += " " + style.underline(link) }
        return line
    }

    /// A later source of an alert as one line, in the same columns as an alert:
    ///
    ///     2016-10-21 03:15Z +SOURCE  [3f2a9c01d4e2] 3 sources — Title (feed-id) https://…
    public func format(_ update: AlertUpdate) -> String {
        let style = TerminalStyle(enabled: color)
        let update = update.sanitized
        var line = style.dim(Self.minuteTimestamp(update.timestamp)) + " " + style.bold("+SOURCE") + "  "
        line += "[\(update.alertID.sanitized.prefix(12))] \(update.sources) sources"
        let title = update.source.item.title ?? ""
        line += " — " + (title.isEmpty ? style.dim("(no title)") : title)
        line += " " + style.dim("(\(update.source.feed.id))")
        if let link = update.source.item.link, !link.isEmpty { line += " " + style.underline(link) }
        return line
    }

    /// The places, then the groups, named by the alert's matches (the topics when there are
    /// neither), each once, by display name.
    static func entityNames(_ alert: Alert) -> [String] {
        func names(_ kind: EntityKind) -> [String] {
            var seen = Set<String>()
            return alert.matches.filter { $0.kind == kind && seen.insert($0.entity).inserted }.map(\.name.sanitized)
        }
        let placesAndGroups = names(.place) + names(.group)
        return placesAndGroups.isEmpty ? names(.topic) : placesAndGroups
    }

    /// `2016-10-21 03:12Z`.
    static func minuteTimestamp(_ date: Date) -> String {
        let (day, time) = RFC3339.fields(of: date)
        return "\(day.0)-\(RFC3339.pad(day.1))-\(RFC3339.pad(day.2)) \(RFC3339.pad(time.0)):\(RFC3339.pad(time.1))Z"
    }
}
