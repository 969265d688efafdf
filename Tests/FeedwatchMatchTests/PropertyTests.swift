import FeedwatchMatch
import FeedwatchModel
import Foundation
import Testing

/// Properties checked over seeded random text (plain loops, deterministic, fast).
struct PropertyTests {
    /// SplitMix64: small, seeded, the same sequence on every platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Scalars from every case the normalizer handles: ASCII, accented Latin, Greek, Arabic
    /// with harakat and variants, spaces, dashes, apostrophes, zero-width, presentation forms.
    static let alphabet: [Unicode.Scalar] =
        Array(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'’-–()\"\n\tÄäÖöÜüßéèêçñİıΣσςΆ"
                .unicodeScalars)
        + Array("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْٰکیگپچژەڵ؟،٠١٢".unicodeScalars)
        + [
            "\u{00A0}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{0301}", "\u{0308}", "\u{FEDB}", "\u{FB01}", "\u{FF2B}",
            "\u{2028}",
        ]

    static func randomText(_ generator: inout SeededGenerator, length: Int, from alphabet: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        for _ in 0..<length { view.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return String(view)
    }

    @Test("Normalization is idempotent")
    func normalizationIsIdempotent() {
        var generator = SeededGenerator(state: 5)
        for _ in 0..<2_000 {
            let text = Self.randomText(
                &generator, length: Int.random(in: 0..<40, using: &generator), from: Self.alphabet)
            let once = TextNormalizer.normalize(text)
            #expect(TextNormalizer.normalize(once) == once, "\(Array(text.unicodeScalars))")
        }
    }

    /// Random aliases: Latin or Arabic words, sometimes two.
    static func randomAlias(_ generator: inout SeededGenerator) -> String {
        let latin = Array("bcdfghjklmnpqrstvwxz".unicodeScalars)
        let arabic = Array("بتثجحخدذرسشصضطظعغقمنه".unicodeScalars)
        let letters = Bool.random(using: &generator) ? latin : arabic
        let words = Int.random(in: 1...2, using: &generator)
        return (0..<words).map { _ in
            randomText(&generator, length: Int.random(in: 4...9, using: &generator), from: letters)
        }.joined(separator: " ")
    }

    @Test("An alias embedded at word boundaries in random text is always found, at its original offsets")
    func embeddedAliasIsAlwaysFound() throws {
        var generator = SeededGenerator(state: 11)
        let separators = [" ", ", ", " (", ") ", "\n", ". ", "\u{00A0}", " — ", "'s "]
        for round in 0..<300 {
            let alias = Self.randomAlias(&generator)
            let matcher = try Matcher(
                watchlist: Watchlist(entities: [Entity(id: "e", kind: .place, name: alias)]))
            // Filler uses vowels only, so it never contains the consonant-only alias.
            let filler = Array("aeiou AEIOU éü".unicodeScalars)
            let before = Self.randomText(&generator, length: Int.random(in: 0..<30, using: &generator), from: filler)
            let after = Self.randomText(&generator, length: Int.random(in: 0..<30, using: &generator), from: filler)
            let left = separators[Int.random(in: 0..<separators.count, using: &generator)]
            let right = separators[Int.random(in: 0..<separators.count, using: &generator)]
            let shown = round % 2 == 0 ? alias.uppercased() : alias
            let text = before + left + shown + right + after
            let found = matcher.matches(inText: text)
            #expect(found.map(\.entity) == ["e"], "\(text)")
            if let match = found.first {
                #expect(match.text == shown, "\(text)")
                let start = (before + left).unicodeScalars.count
                #expect(match.start == start && match.end == start + shown.unicodeScalars.count)
            }
        }
    }

    @Test("Random text without the aliases never matches")
    func textWithoutAliasesNeverMatches() throws {
        var generator = SeededGenerator(state: 23)
        let matcher = try WatchlistFixture.matcher()
        // No letters any alias needs first: none of k d t m i a p h s b e f ك د ت م ا ح د ه.
        let alphabet = Array("cgjlnoqruvwxyz CGJLNOQRUVWXYZ,.!'’-\nثجخذرزصضطظعغقنوي".unicodeScalars)
        for _ in 0..<1_000 {
            let text = Self.randomText(&generator, length: Int.random(in: 0..<80, using: &generator), from: alphabet)
            #expect(matcher.matches(inText: text).isEmpty, "\(text)")
        }
    }

    @Test("Random text over the whole alphabet never crashes and offsets stay in range")
    func offsetsStayInRange() throws {
        var generator = SeededGenerator(state: 31)
        let matcher = try WatchlistFixture.matcher(rules: [Rule(id: "r", when: "place or group or topic")])
        for _ in 0..<1_000 {
            let text =
                Self.randomText(&generator, length: Int.random(in: 0..<60, using: &generator), from: Self.alphabet)
                + [" Kirkuk ", " الموصل ", " IS ", ""][Int.random(in: 0..<4, using: &generator)]
            let count = text.unicodeScalars.count
            for match in matcher.matches(inText: text) {
                #expect(0 <= match.start && match.start < match.end && match.end <= count)
            }
            let item = WatchlistFixture.item(text)
            for hit in matcher.evaluate(item) { _ = matcher.snippet(for: hit, in: item) }
        }
    }
}
