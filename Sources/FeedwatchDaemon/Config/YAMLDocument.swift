// libyaml as Yams builds it: Yams composes a tree of enum nodes and resolves every scalar's
// tag with regular expressions (to hash mapping keys), which cost most of a large watchlist's
// load; reading libyaml's events into flat arrays costs a fraction of that.
import CYaml

/// One node of a YAML document: a scalar with its text, or a sequence or mapping whose
/// children lie in `YAMLDocument.children` (a mapping's keys and values alternate).
struct YAMLNode {
    enum Kind { case scalar, sequence, mapping }

    let kind: Kind
    /// Where the node starts, 1-based; an alias is the node it names, where that node is.
    let line: Int
    let column: Int
    /// A scalar's text, untrimmed; empty for a collection.
    let text: String
    let children: Range<Int>

    var scalar: String? { kind == .scalar ? text : nil }
}

/// A YAML document as libyaml reads it, the same tree as `Yams.compose` would give (same nodes,
/// texts and marks), without tags.
struct YAMLDocument {
    let root: YAMLNode
    let children: [YAMLNode]

    enum Outcome {
        /// The document, and whether a mapping has two keys Yams might call duplicates (the same
        /// text, or several collection keys): only Yams can say whether that is an error.
        case document(YAMLDocument, doubtfulKeys: Bool)
        /// No document at all.
        case empty
        /// Something Yams reports as an error: a syntax error, an undefined alias, several documents.
        case failed
    }

    static func read(_ text: String) -> Outcome {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .failed }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var builder = Builder()
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch builder.take(event) {
                case .more: continue
                case .failed: return .failed
                case .end:
                    guard let root = builder.root else { return .empty }
                    return .document(
                        YAMLDocument(root: root, children: builder.children), doubtfulKeys: builder.doubtfulKeys)
                }
            }
            return .failed
        }
    }

    /// Builds the tree event by event: each open collection's children wait in `pending` and
    /// move to `children` as one block when it ends.
    private struct Builder {
        var root: YAMLNode?
        var children: [YAMLNode] = []
        var doubtfulKeys = false
        private var pending: [YAMLNode] = []
        private var open: [(kind: YAMLNode.Kind, line: Int, column: Int, anchor: String?, start: Int)] = []
        private var anchors: [String: YAMLNode] = [:]
        private var documents = 0

        enum Step { case more, end, failed }

        mutating func take(_ event: yaml_event_t) -> Step {
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                return documents > 1 ? .failed : .more
            case YAML_STREAM_END_EVENT:
                return .end
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                add(YAMLNode(kind: .scalar, line: line, column: column, text: text, children: 0..<0), scalar.anchor)
            case YAML_SEQUENCE_START_EVENT:
                open.append((.sequence, line, column, Self.string(event.data.sequence_start.anchor), pending.count))
            case YAML_MAPPING_START_EVENT:
                open.append((.mapping, line, column, Self.string(event.data.mapping_start.anchor), pending.count))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let collection = open.removeLast()
                if collection.kind == .mapping, Self.mayRepeat(keys: pending[collection.start...]) {
                    doubtfulKeys = true
                }
                let range = children.count..<(children.count + pending.count - collection.start)
                // No slice of `pending` outlives this line, so the removal below does not copy it.
                children.append(contentsOf: pending[collection.start...])
                pending.removeLast(range.count)
                let node = YAMLNode(
                    kind: collection.kind, line: collection.line, column: collection.column, text: "", children: range)
                add(node, anchor: collection.anchor)
            case YAML_ALIAS_EVENT:
                guard let anchor = Self.string(event.data.alias.anchor), let node = anchors[anchor] else {
                    return .failed
                }
                add(node, anchor: nil)
            default:
                break
            }
            return .more
        }

        private mutating func add(_ node: YAMLNode, _ anchor: UnsafeMutablePointer<yaml_char_t>?) {
            add(node, anchor: Self.string(anchor))
        }

        private mutating func add(_ node: YAMLNode, anchor: String?) {
            if let anchor { anchors[anchor] = node }
            if open.isEmpty { root = node } else { pending.append(node) }
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        /// Whether two keys of a mapping (keys and values alternating) could be equal.
        private static func mayRepeat(keys block: ArraySlice<YAMLNode>) -> Bool {
            let keys = stride(from: block.startIndex, to: block.endIndex, by: 2)
            if keys.count(where: { block[$0].kind != .scalar }) > 1 { return true }
            // Config and watchlist mappings have a few keys: comparing pairs beats hashing.
            if block.count > 64 {
                let texts = keys.filter { block[$0].kind == .scalar }.map { block[$0].text }
                return Set(texts).count < texts.count
            }
            for index in keys where block[index].kind == .scalar {
                let text = block[index].text
                if stride(from: index + 2, to: block.endIndex, by: 2).contains(where: {
                    block[$0].kind == .scalar && block[$0].text == text
                }) {
                    return true
                }
            }
            return false
        }
    }
}
