import FeedwatchModel
import Foundation

/// One text field, made from its bytes when the element ends: the plain text the matcher reads
/// and, for summary and content, the markup as sent. HTML the fast path cannot predict waits as
/// bytes for libxml2's HTML parser, which reads all of a document's such fragments in one go.
struct FieldText {
    /// As sent, for the fields that keep it.
    var markup: String?
    /// Plain text; empty while `pendingHTML` waits.
    var text: String
    var pendingHTML: [UInt8]?

    init(_ bytes: UnsafeBufferPointer<UInt8>, isHTML: Bool, keepingMarkup: Bool = false) {
        markup = keepingMarkup ? String(decoding: bytes, as: UTF8.self) : nil
        if !isHTML {
            text = HTMLText.collapsed(bytes)
        } else if let fast = HTMLText.fastPlainText(of: bytes) {
            text = fast
        } else {
            text = ""
            pendingHTML = Array(bytes)
        }
    }
}

/// An item while its elements arrive. A class: the SAX callbacks read and set its fields one by
/// one through the reader's optional `item`, and as a struct each access copied (and retained)
/// every field.
final class ItemBuilder {
    var title: FieldText?
    var link: String?
    var alternateLink: String?
    var guid: String?
    /// RSS 1.0 `rdf:about`, the id when there is no other.
    var about: String?
    var guidIsPermaLink = true
    var published: Date?
    var updated: Date?
    var dcDate: Date?
    var dateText: String?
    var authors: [String] = []
    var categories: [String] = []
    var summary: FieldText?
    var content: FieldText?
    var mediaTitle: FieldText?
    var mediaDescription: FieldText?
    var enclosures: [Enclosure] = []
    var latitude: Double?
    var longitude: Double?
    var point: GeoPoint?
    var truncated = false
}

/// The channel or feed while its elements arrive.
struct FeedBuilder {
    var title: FieldText?
    var subtitle: FieldText?
    var updated: Date?
    var published: Date?
    var link: String?
    var alternateLink: String?
    var ttlMinutes: Double?
    var updatePeriod: String?
    var updateFrequency: Double?
    var authors: [String] = []

    /// Seconds between polls the publisher suggests, from `ttl` or `sy:updatePeriod`/`sy:updateFrequency`.
    var refreshHint: TimeInterval? {
        if let ttlMinutes, ttlMinutes > 0 { return ttlMinutes * 60 }
        guard let updatePeriod else { return nil }
        let period: Double
        switch updatePeriod.lowercased() {
        case "hourly": period = 3600
        case "daily": period = 86_400
        case "weekly": period = 604_800
        case "monthly": period = 2_592_000
        case "yearly": period = 31_536_000
        default: return nil
        }
        let frequency = updateFrequency ?? 1
        return frequency > 0 ? period / frequency : nil
    }
}
