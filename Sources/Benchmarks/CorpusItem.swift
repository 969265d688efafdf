/// One generated item, before it is written as RSS or Atom.
struct CorpusItem: Sendable {
    /// What the item is for: which mentions it carries and whether a correct matcher alerts on it.
    enum Kind: String, Sendable, CaseIterable {
        /// No watched name.
        case plain
        /// A watched place and a watched group: `place and group` fires.
        case watched
        /// A watched place next to "crisis" (which contains "isis"): must not fire.
        case decoyCrisis = "decoy-crisis"
        /// "Kirkuk FC" (an exclusion) with a watched group: must not fire.
        case decoyClub = "decoy-club"
        /// A watched place alone.
        case placeOnly = "place-only"
        /// A watched group alone.
        case groupOnly = "group-only"
    }

    /// A run of paragraph text, or a link inside it.
    enum Segment: Sendable {
        case text(String)
        case link(String, href: String)
    }

    var kind: Kind
    var arabic: Bool
    var guid: String
    var title: String
    var link: String
    /// Seconds since 1970.
    var published: Int
    var author: String
    var categories: [String]
    var paragraphs: [[Segment]]

    /// True when a correct matcher with the bench watchlist raises an alert (`place and group`).
    var alerts: Bool { kind == .watched }

    /// The description as plain text, the way the parser should hand it to the matcher.
    var plainSummary: String {
        paragraphs.map { paragraph in
            paragraph.map { segment in
                switch segment {
                case .text(let text): text
                case .link(let text, _): text
                }
            }.joined()
        }.joined(separator: " ")
    }

    /// The description as HTML, entities and all (before XML escaping).
    var html: String {
        var out = ""
        for paragraph in paragraphs {
            out += "<p>"
            for segment in paragraph {
                switch segment {
                case .text(let text): out += HTMLText.escape(text)
                case .link(let text, let href):
                    out += "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(text))</a>"
                }
            }
            out += "</p>\n"
        }
        return out
    }
}

/// Escaping for HTML inside feed descriptions: the named and numeric entities real feeds carry.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { "&<>\"’\u{A0}".unicodeScalars.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "’": out += "&#8217;"
            case "\u{A0}": out += "&nbsp;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
