import FeedwatchModel

/// A SimHash of an item's normalized title and text, so the same story told by two outlets in
/// nearly the same words (a wire story, lightly edited) is recognised as one story.
///
/// Words are normalized as the matcher sees them (case, diacritics, Arabic letter forms), taken
/// in overlapping pairs, hashed (FNV-1a), and folded into 64 bits. The expected distance is
/// 64·θ/π for the angle θ between the texts' pair counts: a retelling that changes two or three
/// pairs of twenty (cosine ≈ 0.9) lands 8–10 bits away, unrelated texts about 32 ± 4 bits away
/// (so a 10-bit threshold mistakes one for the other about once in ten million). Callers also
/// require the same places and groups, so two incidents in one wire formula stay two.
public enum StoryFingerprint {
    /// Fingerprints at most this many bits apart are the same story.
    public static let maxDistance = 10
    /// Shorter texts are too short to tell a story from a headline formula: no fingerprint.
    public static let minimumWords = 12

    /// The fingerprint of an item's title and summary (or content), or nil when they are too short.
    public static func of(_ item: FeedItem) -> UInt64? {
        let text = [item.title, item.summary ?? item.content].compactMap { $0 }.joined(separator: " ")
        return of(text: text)
    }

    public static func of(text: String) -> UInt64? {
        let words = TextNormalizer.normalize(text).split(whereSeparator: { $0 == " " })
        guard words.count >= minimumWords else { return nil }
        var weights = [Int](repeating: 0, count: 64)
        for index in 0..<(words.count - 1) {
            let hash = fnv1a(words[index], words[index + 1])
            for bit in 0..<64 { weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    /// How many bits two fingerprints differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    private static func fnv1a(_ first: Substring, _ second: Substring) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in first.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x20) &* 0x100_0000_01b3
        for byte in second.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
