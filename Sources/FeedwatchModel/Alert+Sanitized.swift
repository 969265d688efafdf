extension Alert {
    /// The alert with every text field sanitized (see `String.sanitized`), so it is safe to
    /// store, write to the log and print. Offsets in `matches` are left as they are: they point
    /// into the original item text, which the alert does not carry.
    public var sanitized: Alert {
        var copy = self
        copy.eventType = Self.clean(eventType)
        copy.alertID = Self.clean(alertID)
        copy.rule = Self.clean(rule)
        copy.feed = FeedRef(id: Self.clean(feed.id), url: Self.clean(feed.url))
        copy.item = ItemRef(
            id: Self.clean(item.id), title: item.title.map(Self.clean), link: item.link.map(Self.clean),
            published: item.published
        )
        copy.matches = matches.map { match in
            var m = match
            m.entity = Self.clean(match.entity)
            m.name = Self.clean(match.name)
            m.text = Self.clean(match.text)
            return m
        }
        copy.snippet = Self.clean(snippet)
        return copy
    }

    /// `text.sanitized`, skipped for text whose UTF-8 holds none of the bytes that begin an unsafe
    /// character (C0 and DEL; C2 for C1; D8 for U+061C; E2 for the marks, bidi controls and
    /// separators) — most text, and far quicker to rule out byte by byte.
    private static func clean(_ text: String) -> String {
        let risky = text.utf8.contains { byte in
            byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
        }
        return risky ? text.sanitized : text
    }
}
