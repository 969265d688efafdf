extension Alert {
    /// The alert with every text field sanitized (see `String.sanitized`), so it is safe to
    /// store, write to the log and print. Offsets in `matches` are left as they are: they point
    /// into the original item text, which the alert does not carry.
    public var sanitized: Alert {
        var copy = self
        copy.eventType = eventType.sanitized
        copy.alertID = alertID.sanitized
        copy.rule = rule.sanitized
        copy.feed = FeedRef(id: feed.id.sanitized, url: feed.url.sanitized)
        copy.item = ItemRef(
            id: item.id.sanitized, title: item.title?.sanitized, link: item.link?.sanitized,
            published: item.published
        )
        copy.matches = matches.map { match in
            var m = match
            m.entity = match.entity.sanitized
            m.name = match.name.sanitized
            m.text = match.text.sanitized
            return m
        }
        copy.snippet = snippet.sanitized
        return copy
    }
}
