import FeedwatchModel
import Foundation

extension FeedSAXReader {
    /// A field's text is complete: store it where it belongs (the item, or the feed).
    func finishCapture(_ c: Capture) {
        defer { buffer.removeAll() }
        // The buffer is read in place: each field makes its strings straight from it.
        if c.base64, let decoded = Data(base64Encoded: Data(buffer.bytes), options: .ignoreUnknownCharacters) {
            [UInt8](decoded).withUnsafeBufferPointer { finish(c, $0) }
        } else {
            finish(c, buffer.bytes)
        }
    }

    private func finish(_ c: Capture, _ bytes: UnsafeBufferPointer<UInt8>) {
        if c.inItem, item != nil {
            finishItemField(c, bytes)
        } else if personDepth >= 0 {
            finishPersonField(c, bytes)
        } else {
            finishFeedField(c, bytes)
        }
    }

    private func finishItemField(_ c: Capture, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch c.kind {
        case .title:
            if item?.title == nil { item?.title = fieldText(bytes, isHTML: isHTML(c, bytes)) }
        case .link:
            let s = Self.trimmed(bytes)
            if !s.isEmpty, item?.link == nil { item?.link = LinkResolver.resolve(s, against: currentBase) }
        case .description, .summary:
            if item?.summary == nil { item?.summary = fieldText(bytes, isHTML: c.isHTML, keepingMarkup: true) }
        case .content, .contentEncoded:
            if item?.content == nil { item?.content = fieldText(bytes, isHTML: c.isHTML, keepingMarkup: true) }
        case .mediaTitle:
            if item?.mediaTitle == nil { item?.mediaTitle = fieldText(bytes, isHTML: false) }
        case .mediaDescription:
            if item?.mediaDescription == nil {
                item?.mediaDescription = fieldText(bytes, isHTML: c.isHTML, keepingMarkup: true)
            }
        case .guid, .atomID:
            let s = Self.trimmed(bytes)
            if !s.isEmpty, item?.guid == nil { item?.guid = s }
        case .published, .updated, .dcDate:
            let date = FeedDate.parse(bytes: bytes)
            // The date's text counts only toward an id made from a hash (no guid, no link).
            if let item, item.dateText == nil, item.guid == nil, item.about == nil, item.link == nil,
                item.alternateLink == nil
            {
                item.dateText = Self.trimmed(bytes)
            }
            switch c.kind {
            case .published: if item?.published == nil { item?.published = date }
            case .updated: if item?.updated == nil { item?.updated = date }
            default: if item?.dcDate == nil { item?.dcDate = date }
            }
        case .rssAuthor, .dcCreator:
            addItemAuthor(Self.trimmed(bytes))
        case .personName, .personEmail:
            finishPersonField(c, bytes)
        case .category, .dcSubject, .mediaCategory:
            addItemCategory(Self.trimmed(bytes))
        case .mediaKeywords:
            for word in Self.trimmed(bytes).split(separator: ",") { addItemCategory(String(word)) }
        case .georssPoint:
            let parts = Self.trimmed(bytes).split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }
            )
            if parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), Self.isCoordinate(lat, lon) {
                item?.point = GeoPoint(latitude: lat, longitude: lon)
            }
        case .geoLat:
            item?.latitude = Double(Self.trimmed(bytes))
        case .geoLong:
            item?.longitude = Double(Self.trimmed(bytes))
        default:
            break
        }
    }

    /// A text field from `bytes`, counted when its HTML waits for libxml2.
    private func fieldText(_ bytes: UnsafeBufferPointer<UInt8>, isHTML: Bool, keepingMarkup: Bool = false)
        -> FieldText
    {
        let field = FieldText(bytes, isHTML: isHTML, keepingMarkup: keepingMarkup)
        if field.pendingHTML != nil { pendingHTMLFields += 1 }
        return field
    }

    private func finishPersonField(_ c: Capture, _ bytes: UnsafeBufferPointer<UInt8>) {
        let s = Self.trimmed(bytes)
        guard !s.isEmpty else { return }
        if c.kind == .personName {
            personName = s
        } else if c.kind == .personEmail {
            personEmail = s
        }
    }

    private func finishFeedField(_ c: Capture, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch c.kind {
        case .title:
            if feed.title == nil { feed.title = fieldText(bytes, isHTML: isHTML(c, bytes)) }
        case .link:
            let s = Self.trimmed(bytes)
            if !s.isEmpty, feed.link == nil { feed.link = LinkResolver.resolve(s, against: currentBase) }
        case .subtitle, .description:
            if feed.subtitle == nil { feed.subtitle = fieldText(bytes, isHTML: c.isHTML) }
        case .updated, .dcDate:
            if feed.updated == nil { feed.updated = FeedDate.parse(bytes: bytes) }
        case .published:
            if feed.published == nil { feed.published = FeedDate.parse(bytes: bytes) }
        case .ttl:
            feed.ttlMinutes = Double(Self.trimmed(bytes))
        case .syPeriod:
            feed.updatePeriod = Self.trimmed(bytes)
        case .syFrequency:
            feed.updateFrequency = Double(Self.trimmed(bytes))
        case .rssAuthor, .dcCreator:
            let s = Self.trimmed(bytes)
            if !s.isEmpty, !feed.authors.contains(s) { feed.authors.append(s) }
        default:
            break
        }
    }

    private func addItemAuthor(_ name: String) {
        guard !name.isEmpty, item?.authors.contains(name) == false else { return }
        item?.authors.append(name)
    }

    private func addItemCategory(_ term: String) {
        let t = term.trimmedASCII
        guard !t.isEmpty, item?.categories.contains(t) == false else { return }
        item?.categories.append(t)
    }

    /// RSS titles are meant to be plain text, but many carry escaped markup or entities.
    private func isHTML(_ c: Capture, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard c.guessHTML, !c.isHTML else { return c.isHTML }
        return Self.looksLikeHTML(bytes)
    }

    /// A tag (`<` then a letter, `/` or `!`) or an entity/character reference (`&name;`, `&#…;`).
    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most titles hold neither `<` nor `&`: two memchr calls say so.
        guard let base = bytes.baseAddress else { return false }
        let tag = memchr(base, 0x3C, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        let reference = memchr(base, 0x26, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        var i = min(tag ?? bytes.count, reference ?? bytes.count)
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x3C, i + 1 < bytes.count {
                let n = bytes[i + 1]
                if ASCII.isLetter(n) || n == 0x2F || n == 0x21 { return true }
            } else if b == 0x26 {
                var j = i + 1
                while j < bytes.count, j - i < 12,
                    ASCII.isLetter(bytes[j]) || ASCII.isDigit(bytes[j]) || bytes[j] == 0x23
                {
                    j += 1
                }
                if j > i + 1, j < bytes.count, bytes[j] == 0x3B { return true }
            }
            i += 1
        }
        return false
    }

    static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: p.trimmedASCII, as: UTF8.self)
    }

    static func isCoordinate(_ lat: Double, _ lon: Double) -> Bool {
        lat.isFinite && lon.isFinite && abs(lat) <= 90 && abs(lon) <= 180
    }
}
