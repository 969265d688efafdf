import FeedwatchMatch
import Testing

@Suite("Story fingerprints")
struct StoryFingerprintTests {
    let story = "Islamic State gunmen stormed a power station north of Kirkuk before dawn and held hotels and schools"

    @Test("a lightly edited retelling is within the distance; case and diacritics do not matter")
    func nearCopies() throws {
        let a = try #require(StoryFingerprint.of(text: story))
        let b = try #require(StoryFingerprint.of(text: story.uppercased() + " officials said"))
        #expect(StoryFingerprint.distance(a, b) <= StoryFingerprint.maxDistance)
        let c = try #require(StoryFingerprint.of(text: story.replacingOccurrences(of: "Kirkuk", with: "Kerkük")))
        #expect(StoryFingerprint.distance(a, c) <= StoryFingerprint.maxDistance)
    }

    @Test("another story about the same place is far away")
    func differentStories() throws {
        let a = try #require(StoryFingerprint.of(text: story))
        let other = try #require(
            StoryFingerprint.of(
                text: "Farmers near Kirkuk expect a strong wheat harvest this year after early rain and repaired canals"
            ))
        #expect(StoryFingerprint.distance(a, other) > StoryFingerprint.maxDistance * 3 / 2)
    }

    @Test("headlines too short to fingerprint have none")
    func tooShort() {
        #expect(StoryFingerprint.of(text: "Daesh attack in Kirkuk") == nil)
    }

    /// The definition: FNV-1a of each pair of adjacent words ("first second", UTF-8) of the
    /// normal form split at spaces, summed bit by bit as ±1, kept where positive. Fingerprints
    /// are stored for two days, so the streaming implementation must give exactly these values.
    private func reference(_ text: String) -> UInt64? {
        let words = TextNormalizer.normalize(text).split(separator: " ")
        guard words.count >= StoryFingerprint.minimumWords else { return nil }
        var weights = [Int](repeating: 0, count: 64)
        for index in 0..<(words.count - 1) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in (words[index] + " " + words[index + 1]).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for bit in 0..<64 { weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        return (0..<64).reduce(UInt64(0)) { weights[$1] > 0 ? $0 | 1 << UInt64($1) : $0 }
    }

    @Test(
        "the fingerprint is the pairwise SimHash of the normal form",
        arguments: [
            "Islamic State gunmen stormed a power station north of Kirkuk before dawn and held hotels and schools",
            "  Daesh fighters attacked Kerkük — police said; the curfew   holds.\nResidents of Tuz Xurmatû fled south\n",
            "هاجم مسلحو داعش مدينة كركوك فجر الجمعة واستولوا على مبان حكومية وفنادق ومدارس في المدينة",
            "ISIS ＩＳＩＳ l’État islamique a frappé Kirkouk: « l’attaque » a duré deux jours entiers selon la police",
        ])
    func matchesDefinition(text: String) {
        #expect(StoryFingerprint.of(text: text) == reference(text))
        #expect(reference(text) != nil)
    }
}
