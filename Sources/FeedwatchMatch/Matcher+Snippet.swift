import FeedwatchModel

extension Matcher {
    /// Characters of context to keep before the match; the rest of the budget goes after it.
    static let snippetLead = 50
    static let snippetLength = 160

    /// A short plain-text excerpt (about 160 characters) around the hit's first match: in the
    /// title if the title matched, else in the field of the first match. Cut at word breaks
    /// where possible, with "…" where text was cut; whitespace collapsed, controls removed.
    public func snippet(for hit: RuleHit, in item: FeedItem) -> String {
        let match = hit.matches.first { $0.field == .title } ?? hit.matches.first
        guard let match, let text = item.text(of: match.field) else {
            return Self.excerpt(of: Array((item.title ?? "").unicodeScalars), around: 0..<0)
        }
        return Self.excerpt(of: Array(text.unicodeScalars), around: match.start..<match.end)
    }

    static func excerpt(of scalars: [Unicode.Scalar], around range: Range<Int>) -> String {
        let count = scalars.count
        let matchStart = min(max(0, range.lowerBound), count)
        var lower = max(0, matchStart - snippetLead)
        var upper = min(count, lower + snippetLength)
        if upper == count { lower = max(0, count - snippetLength) }
        // Move the cuts to the nearest space within a few characters, so words stay whole.
        if lower > 0, let space = (lower..<min(matchStart, lower + 20)).first(where: { isSpace(scalars[$0]) }) {
            lower = space + 1
        }
        let searchFrom = min(upper, max(range.upperBound, upper - 20))
        if upper < count, let space = (searchFrom..<upper).last(where: { isSpace(scalars[$0]) }) {
            upper = space
        }
        var view = String.UnicodeScalarView()
        if lower > 0 { view.append("…") }
        var lastWasSpace = lower > 0
        for scalar in scalars[lower..<max(lower, upper)] {
            if isSpace(scalar) || scalar.properties.generalCategory == .control {
                if !lastWasSpace { view.append(" ") }
                lastWasSpace = true
            } else {
                view.append(scalar)
                lastWasSpace = false
            }
        }
        while view.last == " " { view.removeLast() }
        if upper < count { view.append("…") }
        return String(view).sanitized
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
}
