import FeedwatchMatch
import FeedwatchModel
import Testing

/// The excerpt an alert carries.
struct SnippetTests {
    private let rule = Rule(id: "r", when: "place or group")

    @Test("A short title that matches is the whole snippet")
    func shortTitleIsWholeSnippet() throws {
        let matcher = try WatchlistFixture.matcher(rules: [rule])
        let item = WatchlistFixture.item("Curfew in  Kirkuk\n", summary: "Daesh claimed it")
        let hit = try #require(matcher.evaluate(item, at: WatchlistFixture.date).first)
        #expect(matcher.snippet(for: hit, in: item) == "Curfew in Kirkuk")
    }

    @Test("A match deep in long content gets about 160 characters around it, cut at words, with ellipses")
    func longContentIsCutAroundTheMatch() throws {
        let matcher = try WatchlistFixture.matcher(rules: [rule])
        let filler = String(repeating: "the quiet market reopened today ", count: 20)
        let item = WatchlistFixture.item("Market news", content: filler + "gunmen near Daquq fled " + filler)
        let hit = try #require(matcher.evaluate(item, at: WatchlistFixture.date).first)
        let snippet = matcher.snippet(for: hit, in: item)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("gunmen near Daquq fled"))
        #expect((120...170).contains(snippet.count), "\(snippet.count)")
        #expect(!snippet.contains("  "))
    }

    @Test("Control characters in the text do not reach the snippet")
    func controlsAreRemoved() throws {
        let matcher = try WatchlistFixture.matcher(rules: [rule])
        let item = WatchlistFixture.item("\u{1B}[2J Kirkuk\u{202E} news\u{07}")
        let hit = try #require(matcher.evaluate(item, at: WatchlistFixture.date).first)
        let snippet = matcher.snippet(for: hit, in: item)
        #expect(!snippet.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(snippet.contains("Kirkuk"))
    }
}
