import FeedwatchModel

/// A rule's `when` condition as a tree: kinds (`place`), entities (`place:kirkuk`, or a bare
/// id), `not`, `and`, `or` and parentheses, with the usual precedence not > and > or.
public indirect enum RuleExpression: Sendable, Hashable, CustomStringConvertible {
    /// Any match of this kind.
    case kind(EntityKind)
    /// A match of this entity or of an entity inside it (its parent chain reaches it).
    /// `kind` is nil for a bare id.
    case entity(kind: EntityKind?, id: String, column: Int)
    case not(RuleExpression)
    case and(RuleExpression, RuleExpression)
    case or(RuleExpression, RuleExpression)

    public var description: String {
        switch self {
        case .kind(let kind): kind.rawValue
        case .entity(let kind, let id, _): kind.map { "\($0.rawValue):\(id)" } ?? id
        case .not(let inner): "not \(inner.parenthesized)"
        case .and(let left, let right): "\(left.parenthesized) and \(right.parenthesized)"
        case .or(let left, let right): "\(left.parenthesized) or \(right.parenthesized)"
        }
    }

    private var parenthesized: String {
        switch self {
        case .and, .or: "(\(description))"
        default: description
        }
    }

    /// Parses a `when` string. Keywords are case-insensitive; `&&`, `||` and `!` are accepted too.
    public static func parse(_ text: String) throws(RuleSyntaxError) -> RuleExpression {
        var parser = RuleParser(text)
        return try parser.parseAll()
    }
}

/// A `when` expression that does not parse, with the 1-based column in the expression.
public struct RuleSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
