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
}
