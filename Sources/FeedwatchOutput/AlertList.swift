import FeedwatchModel
import Foundation

/// How `feedwatch alerts` prints a list of alerts.
public enum AlertListFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a person.
    case table
    /// One alert-log line per alert (the log's own format).
    case json
    /// RFC 4180 CSV with a header, for spreadsheets.
    case csv
}

/// Renders a list of alerts as a table, JSON lines or CSV. Every output ends with a newline
/// (when there is anything to print).
public enum AlertList {
    public static func render(_ alerts: [Alert], as format: AlertListFormat, color: Bool = false) -> String {
        switch format {
        case .json: alerts.map { AlertLine.encode($0) + "\n" }.joined()
        case .csv: csv(alerts)
        case .table: table(alerts, color: color)
        }
    }

    // MARK: Table

    static func table(_ alerts: [Alert], color: Bool) -> String {
        guard !alerts.isEmpty else { return "" }
        let style = TerminalStyle(enabled: color)
        let header = ["ID", "TIME", "SEVERITY", "RULE", "PLACES", "GROUPS", "FEED", "TITLE"]
        let rows = alerts.map { alert -> [String] in
            let alert = alert.sanitized
            return [
                String(alert.alertID.prefix(12)), AlertFormatter.minuteTimestamp(alert.timestamp),
                alert.severity.rawValue.uppercased(), alert.rule, names(alert, .place), names(alert, .group),
                alert.feed.id, alert.item.title ?? "",
            ]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String], severity: Severity?) -> String {
            var out = ""
            for (column, cell) in cells.enumerated() {
                let last = column == cells.count - 1
                // Pad before styling: escapes would count as width.
                let padded = last ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
                if column == 2, let severity { out += style.severity(severity, padded) } else { out += padded }
                if !last { out += "  " }
            }
            return out
        }
        var out = style.bold(line(header, severity: nil)) + "\n"
        for (alert, row) in zip(alerts, rows) { out += line(row, severity: alert.severity) + "\n" }
        return out
    }

    static func names(_ alert: Alert, _ kind: EntityKind) -> String {
        var seen = Set<String>()
        return alert.matches.filter { $0.kind == kind && seen.insert($0.entity).inserted }.map(\.name)
            .joined(separator: ", ")
    }

    // MARK: CSV

    static let csvHeader = [
        "alert_id", "timestamp", "severity", "rule", "feed_id", "feed_url", "item_id", "title", "link", "published",
        "places", "groups", "topics", "snippet",
    ]

    static func csv(_ alerts: [Alert]) -> String {
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for alert in alerts {
            let alert = alert.sanitized
            let cells = [
                alert.alertID, RFC3339.string(from: alert.timestamp), alert.severity.rawValue, alert.rule,
                alert.feed.id,
                alert.feed.url, alert.item.id, alert.item.title ?? "", alert.item.link ?? "",
                alert.item.published.map(RFC3339.string(from:)) ?? "", names(alert, .place), names(alert, .group),
                names(alert, .topic), alert.snippet,
            ]
            out += cells.map(csvCell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180), and with a
    /// leading apostrophe when it starts like a spreadsheet formula, so a hostile title cannot
    /// run one in the analyst's spreadsheet.
    static func csvCell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
