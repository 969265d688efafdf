/// One place in an item's text where a watched entity was named.
public struct Match: Sendable, Hashable, Codable {
    public var kind: EntityKind
    /// The entity's id.
    public var entity: String
    /// The entity's display name.
    public var name: String
    /// The text as it stands in the item.
    public var text: String
    public var field: ItemField
    /// Offsets in Unicode scalars (code points) into the original field text, end exclusive.
    public var start: Int
    public var end: Int

    public init(
        kind: EntityKind, entity: String, name: String, text: String, field: ItemField,
        start: Int, end: Int
    ) {
        self.kind = kind
        self.entity = entity
        self.name = name
        self.text = text
        self.field = field
        self.start = start
        self.end = end
    }
}

/// A rule that fired on an item, with every match that made it fire.
public struct RuleHit: Sendable, Hashable {
    public var rule: Rule
    public var matches: [Match]

    public init(rule: Rule, matches: [Match]) {
        self.rule = rule
        self.matches = matches
    }
}
