import FeedwatchModel
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with JSONSerialization.
enum JSONFeedReader {
    static func parse(_ data: [UInt8], url: String?, limits: ParseLimits) throws(ParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(data), options: [])
        } catch {
            throw ParseError(.malformed, "invalid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else {
            throw ParseError(.notAFeed, "expected a JSON Feed object, found another JSON value")
        }
        guard let version = root["version"] as? String, version.contains("jsonfeed.org") else {
            throw ParseError(.notAFeed, "expected JSON Feed, found a JSON object without a jsonfeed.org version")
        }
        var feed = ParsedFeed(format: .json)
        feed.title = string(root["title"])
        feed.link = string(root["home_page_url"]).map { LinkResolver.resolve($0, against: url) }
        let feedAuthors = authors(root)
        let entries = root["items"] as? [Any] ?? []
        var fragments: [[UInt8]] = []
        var pending: [(FeedItem, Int?)] = []
        for case let entry as [String: Any] in entries.prefix(limits.maxItems) {
            let link = (string(entry["url"]) ?? string(entry["external_url"])).map {
                LinkResolver.resolve($0, against: feed.link ?? url)
            }
            let title = string(entry["title"]).map { HTMLText.collapsed(Array($0.utf8)) }
            let published = string(entry["date_published"]).flatMap(FeedDate.parse)
            let html = string(entry["content_html"])
            var slot: Int?
            if let html {
                fragments.append(Array(html.utf8.prefix(limits.maxTextBytesPerItem)))
                slot = fragments.count - 1
            }
            let id =
                string(entry["id"]) ?? string(entry["id"].map { "\($0)" }) ?? link
                ?? "sha256:"
                + SHA256.hex(of: Array(((title ?? "") + "\n" + (string(entry["date_published"]) ?? "")).utf8))
            let item = FeedItem(
                id: id, title: title, link: link, published: published,
                updated: string(entry["date_modified"]).flatMap(FeedDate.parse),
                authors: authors(entry).isEmpty ? feedAuthors : authors(entry),
                categories: (entry["tags"] as? [Any] ?? []).compactMap { string($0) },
                summary: string(entry["summary"]).map { HTMLText.collapsed(Array($0.utf8)) },
                content: string(entry["content_text"]).map { HTMLText.collapsed(Array($0.utf8)) },
                summaryHTML: string(entry["summary"]), contentHTML: html ?? string(entry["content_text"]),
                enclosures: (entry["attachments"] as? [Any] ?? []).compactMap { attachment($0, base: link ?? url) })
            pending.append((item, slot))
        }
        let texts = HTMLText.plainText(of: fragments)
        feed.items = pending.map { item, slot in
            var item = item
            if let slot, !texts[slot].isEmpty { item.content = texts[slot] }
            return item
        }
        return feed
    }

    private static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    private static func authors(_ object: [String: Any]) -> [String] {
        var out: [String] = []
        if let list = object["authors"] as? [Any] {
            for case let a as [String: Any] in list { if let name = string(a["name"]) { out.append(name) } }
        }
        if let a = object["author"] as? [String: Any], let name = string(a["name"]) { out.append(name) }
        return out
    }

    private static func attachment(_ value: Any, base: String?) -> Enclosure? {
        guard let a = value as? [String: Any], let url = string(a["url"]) else { return nil }
        return Enclosure(
            url: LinkResolver.resolve(url, against: base), type: string(a["mime_type"]),
            length: (a["size_in_bytes"] as? NSNumber)?.intValue)
    }
}
