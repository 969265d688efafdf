import FeedwatchModel
import Foundation

/// The whole alert for `feedwatch alerts show ID`: every field on its own line, and each match
/// highlighted in its context (the title, or the snippet) — reverse video with colour, brackets
/// without.
public struct AlertDetail: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    /// The alert, and after it the later sources that corroborate it (`Store.sources(ofAlert:)`).
    public func format(_ alert: Alert, sources: [AlertUpdate] = []) -> String {
        let alert = alert.sanitized
        let style = TerminalStyle(enabled: color)
        var lines: [String] = []
        func field(_ name: String, _ value: String) {
            lines.append(style.dim((name + ":").padding(toLength: 11, withPad: " ", startingAt: 0)) + value)
        }
        field("Alert", style.bold(alert.alertID))
        field("Time", RFC3339.string(from: alert.timestamp))
        field("Severity", style.severity(alert.severity, alert.severity.rawValue.uppercased()))
        field("Rule", alert.rule)
        field("Feed", "\(alert.feed.id) \(style.dim(alert.feed.url))")
        field("Item", alert.item.id)
        let titleMatches = alert.matches.filter { $0.field == .title }
        field(
            "Title",
            Highlighter.highlight(alert.item.title ?? "", matches: titleMatches, useOffsets: true, style: style))
        if let link = alert.item.link { field("Link", style.underline(link)) }
        if let published = alert.item.published { field("Published", RFC3339.string(from: published)) }
        lines.append(style.dim("Matches:"))
        for match in alert.matches {
            lines.append(
                "  \(match.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) "
                    + "\(style.bold(match.name)) (\(match.entity)) as \(style.highlight(match.text)) "
                    + style.dim("in \(match.field.rawValue) at \(match.start)–\(match.end)"))
        }
        if !alert.snippet.isEmpty {
            field(
                "Snippet", Highlighter.highlight(alert.snippet, matches: alert.matches, useOffsets: false, style: style)
            )
        }
        if !sources.isEmpty {
            // The count the latest update carries, which also counts sources not listed here.
            let total = max(sources.count + 1, sources.map(\.sources).max() ?? 0)
            lines.append(style.dim("Sources:") + " \(total)")
            lines.append("  \(alert.feed.id) \(alert.item.link ?? "")")
            for update in sources.map(\.sanitized) {
                let title = update.source.item.title.map { " — \($0)" } ?? ""
                lines.append(
                    "  \(update.source.feed.id) \(update.source.item.link ?? "")\(title) "
                        + style.dim("(\(RFC3339.string(from: update.timestamp)))"))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Marks the places where matches stand in a text.
enum Highlighter {
    /// `text` with each match's text highlighted. With `useOffsets`, a match whose offsets point at
    /// its text in `text` is marked there; otherwise (and for the snippet, which is an excerpt)
    /// every occurrence of the match's text is.
    static func highlight(_ text: String, matches: [Match], useOffsets: Bool, style: TerminalStyle) -> String {
        let scalars = Array(text.unicodeScalars)
        var ranges: [Range<Int>] = []
        for match in matches {
            let needle = Array(match.text.unicodeScalars)
            guard !needle.isEmpty else { continue }
            if useOffsets, match.start >= 0, match.end <= scalars.count, match.start < match.end,
                Array(scalars[match.start..<match.end]) == needle
            {
                ranges.append(match.start..<match.end)
                continue
            }
            var index = 0
            while index + needle.count <= scalars.count {
                if scalars[index..<index + needle.count].elementsEqual(needle) {
                    ranges.append(index..<index + needle.count)
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        guard !ranges.isEmpty else { return text }
        // Merge overlapping marks so brackets never nest.
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var out = ""
        var position = 0
        func piece(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        for range in merged {
            out += piece(position..<range.lowerBound)
            out += style.highlight(piece(range))
            position = range.upperBound
        }
        out += piece(position..<scalars.count)
        return out
    }
}
