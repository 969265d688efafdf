import FeedwatchModel

/// Recursive-descent parser for rule conditions.
///
///     expr    := and ("or" and)*
///     and     := unary ("and" unary)*
///     unary   := "not" unary | primary
///     primary := "(" expr ")" | KIND | KIND ":" ID | ID
struct RuleParser {
    private enum Token: Equatable {
        case word(String)
        case colon
        case open
        case close
        case and
        case or
        case not
        case end
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var position = 0
    private var lexError: RuleSyntaxError?

    init(_ text: String) {
        let characters = Array(text)
        var index = 0
        func isIdentifier(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || "-_.".contains(character)
        }
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case ":": tokens.append((.colon, column))
            case "(": tokens.append((.open, column))
            case ")": tokens.append((.close, column))
            case "!": tokens.append((.not, column))
            case "&", "|":
                guard index + 1 < characters.count, characters[index + 1] == character else {
                    lexError = RuleSyntaxError(
                        column: column, message: "'\(character)' stands alone; write 'and' or 'or'")
                    return
                }
                tokens.append((character == "&" ? .and : .or, column))
                index += 1
            default:
                guard isIdentifier(character) else {
                    lexError = RuleSyntaxError(
                        column: column,
                        message: "unexpected '\(character)'; use kinds, ids, ':', 'and', 'or', 'not' and parentheses")
                    return
                }
                var word = ""
                while index < characters.count, isIdentifier(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                switch word.lowercased() {
                case "and": tokens.append((.and, column))
                case "or": tokens.append((.or, column))
                case "not": tokens.append((.not, column))
                default: tokens.append((.word(word), column))
                }
                continue
            }
            index += 1
        }
        tokens.append((.end, characters.count + 1))
    }

    mutating func parseAll() throws(RuleSyntaxError) -> RuleExpression {
        if let lexError { throw lexError }
        if tokens.count == 1 { throw RuleSyntaxError(column: 1, message: "the condition is empty") }
        let expression = try parseOr()
        guard current.token == .end else {
            throw RuleSyntaxError(
                column: current.column, message: "expected 'and', 'or' or the end, found \(describe(current.token))")
        }
        return expression
    }

    private var current: (token: Token, column: Int) { tokens[position] }

    private mutating func parseOr() throws(RuleSyntaxError) -> RuleExpression {
        var left = try parseAnd()
        while current.token == .or {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(RuleSyntaxError) -> RuleExpression {
        var left = try parseUnary()
        while current.token == .and {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(RuleSyntaxError) -> RuleExpression {
        if current.token == .not {
            position += 1
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(RuleSyntaxError) -> RuleExpression {
        let (token, column) = current
        switch token {
        case .open:
            position += 1
            let inner = try parseOr()
            guard current.token == .close else {
                throw RuleSyntaxError(
                    column: current.column, message: "expected ')' to close the '(' at column \(column)")
            }
            position += 1
            return inner
        case .word(let word):
            position += 1
            let kind = EntityKind(rawValue: word.lowercased())
            guard current.token == .colon else {
                return kind.map { .kind($0) } ?? .entity(kind: nil, id: word, column: column)
            }
            guard let kind else {
                throw RuleSyntaxError(
                    column: column, message: "unknown kind '\(word)'; use place, group or topic before ':'")
            }
            position += 1
            guard case .word(let id) = current.token else {
                throw RuleSyntaxError(column: current.column, message: "expected an id after '\(word):'")
            }
            let idColumn = current.column
            position += 1
            return .entity(kind: kind, id: id, column: idColumn)
        default:
            throw RuleSyntaxError(
                column: column, message: "expected a kind, an id, 'not' or '(', found \(describe(token))")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let word): "'\(word)'"
        case .colon: "':'"
        case .open: "'('"
        case .close: "')'"
        case .and: "'and'"
        case .or: "'or'"
        case .not: "'not'"
        case .end: "the end"
        }
    }
}
