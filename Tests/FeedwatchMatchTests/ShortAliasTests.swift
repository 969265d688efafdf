import FeedwatchMatch
import FeedwatchModel
import Foundation
import Testing

/// The scan skips word starts whose first two letters begin no alias; aliases of one letter,
/// at the very end of the text, or followed by a character in no alias must still be found.
struct ShortAliasTests {
    static let matcher: Matcher? = try? Matcher(
        watchlist: Watchlist(entities: [
            Entity(id: "x", kind: .place, name: "X", aliases: [Alias("X")]),
            Entity(id: "zab", kind: .place, name: "Zab", aliases: [Alias("Zab"), Alias("زاب")]),
            Entity(id: "ur", kind: .place, name: "Ur", aliases: [Alias("Ur")]),
        ]))

    @Test(
        "Short aliases are found wherever they stand",
        arguments: [
            ("x", ["x"]),
            ("Sector X", ["x"]),
            ("X, then Zab", ["x", "zab"]),
            ("Ur", ["ur"]),
            ("near Ur!", ["ur"]),
            ("Ur\u{1F600}", ["ur"]),
            ("to Zab", ["zab"]),
            ("قرب زاب", ["zab"]),
            ("Zap Zabx Urx xx", []),
        ])
    func shortAliasesAreFound(text: String, expected: [String]) throws {
        let matcher = try #require(Self.matcher)
        #expect(matcher.matches(inText: text).map(\.entity) == expected)
    }
}
