import FeedwatchModel
import Foundation
import Testing
import Yams

@testable import FeedwatchDaemon

/// The config reader walks libyaml's events itself; Yams' composed tree is the reference it
/// must agree with, node for node, and Yams still words every YAML error.
@Suite("Reading YAML")
struct YAMLDocumentTests {
    /// A node as both trees can describe it: kind, position, text, children.
    indirect enum Shape: Equatable {
        case scalar(String, line: Int, column: Int)
        case sequence([Shape], line: Int, column: Int)
        case mapping([Shape], line: Int, column: Int)
    }

    static func shape(_ node: Node) -> Shape {
        let line = node.mark?.line ?? 0
        let column = node.mark?.column ?? 0
        switch node {
        case .scalar(let scalar): return .scalar(scalar.string, line: line, column: column)
        case .sequence(let sequence): return .sequence(sequence.map(shape), line: line, column: column)
        case .mapping(let mapping):
            return .mapping(mapping.flatMap { [shape($0.key), shape($0.value)] }, line: line, column: column)
        case .alias: return .scalar("<alias>", line: line, column: column)
        }
    }

    static func shape(_ node: YAMLNode, _ reader: YAMLReader) -> Shape {
        let children = reader.children(of: node).map { shape($0, reader) }
        switch node.kind {
        case .scalar: return .scalar(node.text, line: node.line, column: node.column)
        case .sequence: return .sequence(children, line: node.line, column: node.column)
        case .mapping: return .mapping(children, line: node.line, column: node.column)
        }
    }

    @Test(
        "the tree is the one Yams composes",
        arguments: [
            "feeds:\n  - url: https://example.org/a\n    id: a\n  - https://example.org/b\n",
            "places:\n  - id: k\n    name: \"Kirkuk\"\n    aliases: [Kerkuk, 'Karkuk', كركوك, {text: IS, case_sensitive: true}]\n",
            "# comment\n\nkey:   value   # trailing\nlist:\n- a\n-   b\n- [c, [d, e]]\nempty:\nquoted: \"tab\\there\"\n",
            "text: |\n  two\n  lines\nfolded: >\n  one\n  line\nnull_value: ~\nnumber: 0x1F\n",
            "base: &anchor {interval: 10m, backfill: all}\nfeeds:\n  - *anchor\n  - url: x\n    <<: *anchor\n",
            "ساعة: \"كركوك\"\nname: 'It''s'\n\"quoted key\": [ ]\n? complex\n: value\n",
            "---\nfeeds: [a, b]\n...\n",
            "---\n",
            "plain\n",
            "keys: {b: 1, a: 2, c: 3}\nsame_text_other_maps: [{id: x}, {id: y}]\n",
        ])
    func sameTreeAsYams(yaml: String) throws {
        var reader = YAMLReader(file: "t.yaml")
        let composed = reader.compose(yaml)
        let root = try #require(composed)
        let reference = try #require(try Yams.compose(yaml: yaml))
        #expect(reader.problems.isEmpty)
        #expect(Self.shape(root, reader) == Self.shape(reference))
    }

    @Test("an empty file has no document and no problem, as with Yams")
    func emptyFile() throws {
        var reader = YAMLReader(file: "t.yaml")
        #expect(reader.compose("") == nil)
        #expect(reader.compose("# only a comment\n") == nil)
        #expect(reader.problems.isEmpty)
        #expect(try Yams.compose(yaml: "# only a comment\n") == nil)
    }

    @Test(
        "what Yams rejects is rejected, in Yams' words",
        arguments: [
            ("feeds: [a\n", "t.yaml:2:1: YAML syntax: did not find expected ',' or ']'"),
            ("a: 1\n b: 2\n", "t.yaml:2:3: YAML syntax: mapping values are not allowed in this context"),
            ("a: *nowhere\n", "t.yaml:1:4: YAML syntax: found undefined alias"),
            ("a: 1\n---\nb: 2\n", "t.yaml:2:1: YAML syntax: but found another document"),
            ("id: a\nid: b\n", "t.yaml:1:1: YAML: Parser: expected all keys to be unique"),
            ("x: {b: 1, \"b\": 2}\n", "t.yaml:1:1: YAML: Parser: expected all keys to be unique"),
            ("&k a: 1\n*k : 2\n", "t.yaml:1:1: YAML: Parser: expected all keys to be unique"),
        ])
    func rejected(yaml: String, expected: String) {
        var reader = YAMLReader(file: "t.yaml")
        #expect(reader.compose(yaml) == nil)
        #expect(reader.problems.count == 1)
        #expect(reader.problems.first?.description.hasPrefix(expected) == true, "got \(reader.problems)")
    }

    @Test("keys with the same text that Yams tells apart are kept")
    func sameTextDifferentTags() throws {
        // A quoted '1' is a string, a plain 1 an integer: not duplicates for Yams.
        let yaml = "'1': a\n1: b\n"
        var reader = YAMLReader(file: "t.yaml")
        let composed = reader.compose(yaml)
        let root = try #require(composed)
        #expect(reader.problems.isEmpty)
        #expect(Self.shape(root, reader) == Self.shape(try #require(try Yams.compose(yaml: yaml))))
    }

    @Test("whitespace is trimmed as trimmingCharacters(in: .whitespaces) trims it")
    func trimming() {
        for text in ["plain", " lead", "trail\t", "\u{3000}ideographic\u{00A0}", "", " ", "in side", "\n line \n"] {
            #expect(YAMLReader.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces))
        }
    }
}
