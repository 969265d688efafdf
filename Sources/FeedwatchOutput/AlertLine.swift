import FeedwatchModel
import Foundation

/// The alert log's line format: one JSON object per line, keys in a fixed order (the order a
/// person reads them: when, what kind, which alert, how serious, then the details), dates as
/// RFC 3339 UTC to the second, no raw control or bidi character anywhere.
///
/// `{"timestamp":…,"event_type":"alert","alert_id":…,"severity":…,"rule":…,"feed":{"id","url"},
/// "item":{"id","title","link","published"},"matches":[{"kind","entity","name","text","field",
/// "start","end"}],"snippet":…}`
public enum AlertLine {
    /// One alert as one line of JSON, without the newline. Text fields are sanitized first.
    public static func encode(_ alert: Alert) -> String {
        let alert = alert.sanitized
        var out: [UInt8] = []
        out.reserveCapacity(512 + alert.snippet.utf8.count + (alert.item.title?.utf8.count ?? 0))
        out += "{\"timestamp\":"
        JSONText.appendString(RFC3339.string(from: alert.timestamp), to: &out)
        out += ",\"event_type\":"
        JSONText.appendString(alert.eventType, to: &out)
        out += ",\"alert_id\":"
        JSONText.appendString(alert.alertID, to: &out)
        out += ",\"severity\":"
        JSONText.appendString(alert.severity.rawValue, to: &out)
        out += ",\"rule\":"
        JSONText.appendString(alert.rule, to: &out)
        out += ",\"feed\":{\"id\":"
        JSONText.appendString(alert.feed.id, to: &out)
        out += ",\"url\":"
        JSONText.appendString(alert.feed.url, to: &out)
        out += "},\"item\":{\"id\":"
        JSONText.appendString(alert.item.id, to: &out)
        out += ",\"title\":"
        appendOptional(alert.item.title, to: &out)
        out += ",\"link\":"
        appendOptional(alert.item.link, to: &out)
        out += ",\"published\":"
        appendOptional(alert.item.published.map(RFC3339.string(from:)), to: &out)
        out += "},\"matches\":["
        for (index, match) in alert.matches.enumerated() {
            if index > 0 { out += "," }
            out += "{\"kind\":"
            JSONText.appendString(match.kind.rawValue, to: &out)
            out += ",\"entity\":"
            JSONText.appendString(match.entity, to: &out)
            out += ",\"name\":"
            JSONText.appendString(match.name, to: &out)
            out += ",\"text\":"
            JSONText.appendString(match.text, to: &out)
            out += ",\"field\":"
            JSONText.appendString(match.field.rawValue, to: &out)
            out += ",\"start\":\(match.start),\"end\":\(match.end)}".utf8
        }
        out += "],\"snippet\":"
        JSONText.appendString(alert.snippet, to: &out)
        out += "}"
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendOptional(_ text: String?, to out: inout [UInt8]) {
        if let text { JSONText.appendString(text, to: &out) } else { out += "null" }
    }

    /// The alert on a line of the log, or nil when the line is not an alert event (another
    /// event type, or not JSON at all).
    public static func decode(_ line: some StringProtocol) -> Alert? {
        guard let alert = try? decoder.decode(Alert.self, from: Data(line.utf8)), alert.eventType == "alert" else {
            return nil
        }
        return alert
    }

    /// One decoder for every line: making a `JSONDecoder` costs more than decoding a line with it.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 date: \(text)")
            }
            return date
        }
        return decoder
    }()

    /// The `event_type` of a line, or nil when the line is not a JSON object with one.
    public static func eventType(of line: some StringProtocol) -> String? {
        fields(of: line)?["event_type"] as? String
    }

    /// The top-level fields of a line that is a JSON object.
    static func fields(of line: some StringProtocol) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}

/// Any event as one line of the alert log (`alert_update`, `feed_health`…): encoded with sorted
/// keys, RFC 3339 UTC dates and the same escaping as alert lines. The event should carry its own
/// `event_type` and `timestamp` fields.
public enum EventLine {
    public static func encode(_ event: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return JSONText.escapingUnsafe(String(decoding: try encoder.encode(event), as: UTF8.self))
    }
}

extension [UInt8] {
    /// Appends a literal's UTF-8 bytes: keeps the line builder above readable.
    fileprivate static func += (lhs: inout [UInt8], rhs: String) {
        lhs.append(contentsOf: rhs.utf8)
    }
}
