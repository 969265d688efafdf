import FeedwatchModel
import Foundation
import Yams

/// Walks a YAML document and turns every mistake into a `ConfigProblem` at its file, line
/// and column, so one `check` lists them all instead of stopping at the first.
struct YAMLReader {
    let file: String
    private(set) var problems: [ConfigProblem] = []
    private var children: [YAMLNode] = []

    init(file: String) {
        self.file = file
    }

    /// Parses the text; a syntax error becomes a problem and the result is nil.
    mutating func compose(_ text: String) -> YAMLNode? {
        switch YAMLDocument.read(text) {
        case .empty:
            return nil
        case .document(let document, let doubtfulKeys):
            if doubtfulKeys, let error = Self.yamsError(text) {
                report(error)
                return nil
            }
            children = document.children
            return document.root
        case .failed:
            // Yams reads with the same libyaml, so it fails too, and says why as it always has.
            if let error = Self.yamsError(text) {
                report(error)
            } else {
                problem(nil, "YAML: libyaml cannot read this file, though Yams can")
            }
            return nil
        }
    }

    /// What `Yams.compose` says is wrong with the text (a duplicate key, a syntax error), if anything.
    private static func yamsError(_ text: String) -> Error? {
        do {
            _ = try Yams.compose(yaml: text)
            return nil
        } catch {
            return error
        }
    }

    func location(of node: YAMLNode?) -> SourceLocation {
        SourceLocation(file: file, line: node?.line ?? 1, column: node?.column ?? 1)
    }

    mutating func problem(_ node: YAMLNode?, _ message: String) {
        problems.append(ConfigProblem(location(of: node), message))
    }

    /// The items of a sequence, or the keys and values (alternating) of a mapping.
    func children(of node: YAMLNode) -> ArraySlice<YAMLNode> { children[node.children] }

    /// The node as a mapping whose keys are all in `allowed`; unknown keys are reported with a suggestion.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) -> YAMLFields? {
        guard node.kind == .mapping else {
            problem(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var fields = YAMLFields()
        let pairs = children(of: node)
        for index in stride(from: pairs.startIndex, to: pairs.endIndex, by: 2) {
            let key = pairs[index]
            guard let name = key.scalar else {
                problem(key, "\(what): keys must be plain words")
                continue
            }
            if !allowed.contains(name) {
                let hint = Self.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                problem(key, "unknown key '\(name)' in \(what)\(hint) (known keys: \(allowed.joined(separator: ", ")))")
                continue
            }
            fields.entries.append((name, key, pairs[index + 1]))
        }
        return fields
    }

    /// The node as a list; a single scalar counts as a list of one.
    mutating func sequence(_ node: YAMLNode, _ what: String) -> ArraySlice<YAMLNode> {
        switch node.kind {
        case .sequence: return children(of: node)
        case .scalar: return [node]
        case .mapping:
            problem(node, "\(what) must be a list")
            return []
        }
    }

    mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            problem(node, "\(what) must be a single value, not a list or mapping")
            return nil
        }
        let text = Self.trimmingWhitespace(scalar)
        if text.isEmpty {
            problem(node, "\(what) is empty")
            return nil
        }
        return text
    }

    private static let whitespace = CharacterSet.whitespaces

    /// `trimmingCharacters(in: .whitespaces)`, without its trip through NSString when there is
    /// nothing to trim (nearly always).
    static func trimmingWhitespace(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            whitespace.contains(first) || whitespace.contains(last)
        else { return text }
        return text.trimmingCharacters(in: whitespace)
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(node, "\(what) must be true or false, not '\(text)'")
            return nil
        }
    }

    mutating func number(_ node: YAMLNode, _ what: String) -> Double? {
        guard let text = string(node, what) else { return nil }
        guard let value = Double(text), value.isFinite else {
            problem(node, "\(what) must be a number, not '\(text)'")
            return nil
        }
        return value
    }

    /// A duration such as `90s`, `10m`, `1h30m`, `2d` or a plain number of seconds.
    mutating func duration(_ node: YAMLNode, _ what: String) -> TimeInterval? {
        guard let text = string(node, what) else { return nil }
        guard let seconds = Self.parseDuration(text) else {
            problem(node, "\(what) '\(text)' is not a duration; write it like 30s, 10m, 1h or 2d")
            return nil
        }
        return seconds
    }

    /// A size such as `16MB`, `512KB` or a plain number of bytes.
    mutating func size(_ node: YAMLNode, _ what: String) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let bytes = Self.parseSize(text) else {
            problem(node, "\(what) '\(text)' is not a size; write it like 512KB, 16MB or 1GB")
            return nil
        }
        return bytes
    }

    mutating func date(_ node: YAMLNode, _ what: String) -> Date? {
        guard let text = string(node, what) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.count <= 10 ? [.withFullDate] : [.withInternetDateTime]
        guard let date = formatter.date(from: text) else {
            problem(node, "\(what) '\(text)' is not a date; write it like 2014-06-29 or 2014-06-29T00:00:00Z")
            return nil
        }
        return date
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ what: String, as type: T.Type
    ) -> T? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            problem(node, "\(what) '\(text)' is not one of: \(options)")
            return nil
        }
        return value
    }

    private mutating func report(_ error: Error) {
        guard let error = error as? YamlError else {
            problems.append(ConfigProblem(location(of: nil), "\(error)"))
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            problems.append(
                ConfigProblem(
                    SourceLocation(file: file, line: mark.line, column: mark.column),
                    "YAML syntax: \(problem)\(detail); check indentation, colons and quotes on this line"))
        default:
            problems.append(ConfigProblem(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)"))
        }
    }

    static func parseDuration(_ text: String) -> TimeInterval? {
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        var total = 0.0
        var digits = ""
        for character in text.lowercased() where character != " " {
            if character.isNumber || character == "." {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && total > 0 ? total : nil
    }

    static func parseSize(_ text: String) -> Int? {
        let upper = text.uppercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Double)] = [("GB", 1_073_741_824), ("MB", 1_048_576), ("KB", 1024), ("B", 1)]
        for (suffix, factor) in units where upper.hasSuffix(suffix) {
            guard let value = Double(upper.dropLast(suffix.count)), value > 0 else { return nil }
            return Int(value * factor)
        }
        guard let value = Int(upper), value > 0 else { return nil }
        return value
    }

    /// The known word within edit distance 2, for "did you mean".
    static func closest(to word: String, in candidates: [String]) -> String? {
        candidates
            .map { ($0, editDistance(word, $0)) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

/// A mapping's known keys, each with its key node and value, in file order.
struct YAMLFields {
    var entries: [(name: String, key: YAMLNode, value: YAMLNode)] = []

    /// The key and value for `name`; the last one if Yams let the key appear twice (`!tag name`).
    subscript(name: String) -> (key: YAMLNode, value: YAMLNode)? {
        entries.last { $0.name == name }.map { ($0.key, $0.value) }
    }
}
