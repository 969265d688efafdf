import FeedwatchModel
import Foundation

extension Store {
    /// The alert as the JSON the `alerts.json` column holds, written by hand: the same document
    /// `JSONEncoder` would write (sorted keys, dates as seconds since 2001, which keeps them exact),
    /// so `JSONDecoder` reads it and rows written either way read the same, at a fraction of
    /// `JSONEncoder`'s cost on Linux.
    static func json(of alert: Alert) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(768 + alert.snippet.utf8.count)
        func key(_ name: String) {
            out.append(contentsOf: "\"\(name)\":".utf8)
        }
        func string(_ text: String?) {
            if let text { JSONText.appendString(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        func date(_ value: Date?) {
            guard let value, value.timeIntervalSinceReferenceDate.isFinite else {
                out.append(contentsOf: "null".utf8)
                return
            }
            // Swift prints the shortest digits that read back as the same Double.
            out.append(contentsOf: "\(value.timeIntervalSinceReferenceDate)".utf8)
        }
        out.append(UInt8(ascii: "{"))
        key("alert_id")
        string(alert.alertID)
        out.append(contentsOf: ",".utf8)
        key("event_type")
        string(alert.eventType)
        out.append(contentsOf: ",".utf8)
        key("feed")
        out.append(contentsOf: "{".utf8)
        key("id")
        string(alert.feed.id)
        out.append(contentsOf: ",".utf8)
        key("url")
        string(alert.feed.url)
        out.append(contentsOf: "},".utf8)
        key("item")
        out.append(contentsOf: "{".utf8)
        key("id")
        string(alert.item.id)
        out.append(contentsOf: ",".utf8)
        key("link")
        string(alert.item.link)
        out.append(contentsOf: ",".utf8)
        key("published")
        date(alert.item.published)
        out.append(contentsOf: ",".utf8)
        key("title")
        string(alert.item.title)
        out.append(contentsOf: "},".utf8)
        key("matches")
        out.append(contentsOf: "[".utf8)
        for (index, match) in alert.matches.enumerated() {
            if index > 0 { out.append(contentsOf: ",".utf8) }
            out.append(contentsOf: "{\"end\":\(match.end),".utf8)
            key("entity")
            string(match.entity)
            out.append(contentsOf: ",".utf8)
            key("field")
            string(match.field.rawValue)
            out.append(contentsOf: ",".utf8)
            key("kind")
            string(match.kind.rawValue)
            out.append(contentsOf: ",".utf8)
            key("name")
            string(match.name)
            out.append(contentsOf: ",\"start\":\(match.start),".utf8)
            key("text")
            string(match.text)
            out.append(contentsOf: "}".utf8)
        }
        out.append(contentsOf: "],".utf8)
        key("rule")
        string(alert.rule)
        out.append(contentsOf: ",".utf8)
        key("severity")
        string(alert.severity.rawValue)
        out.append(contentsOf: ",".utf8)
        key("snippet")
        string(alert.snippet)
        out.append(contentsOf: ",".utf8)
        key("timestamp")
        date(alert.timestamp)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
