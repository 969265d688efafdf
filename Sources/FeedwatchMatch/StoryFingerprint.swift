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

    /// Words are the normal form's runs between spaces; each pair is hashed as FNV-1a over the
    /// UTF-8 of "first second", streamed from the normalized scalars without building strings.
    public static func of(text: String) -> UInt64? {
        let normalized = NormalizedText(text)
        var end = normalized.count
        while end > 0, normalized.scalars[end - 1] == 0x20 || normalized.scalars[end - 1] == 0x0A { end -= 1 }
        var weights = [Int](repeating: 0, count: 64)
        var words = 0
        // The FNV state after the previous word and its space: where the next pair's hash starts.
        var afterPrevious: UInt64?
        var index = 0
        while index < end {
            guard normalized.scalars[index] != 0x20 else {
                index += 1
                continue
            }
            var word = fnvBasis
            var pair = afterPrevious
            while index < end, normalized.scalars[index] != 0x20 {
                forEachUTF8Byte(of: normalized.scalars[index]) { byte in
                    word = fnvStep(word, byte)
                    pair = pair.map { fnvStep($0, byte) }
                }
                index += 1
            }
            words += 1
            if let pair {
                for bit in 0..<64 { weights[bit] += (pair >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
            }
            afterPrevious = fnvStep(word, 0x20)
        }
        guard words >= minimumWords else { return nil }
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    /// How many bits two fingerprints differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    private static func forEachUTF8Byte(of value: UInt32, _ body: (UInt8) -> Void) {
        if value < 0x80 { return body(UInt8(value)) }
        guard let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) else { return }
        for byte in encoded { body(byte) }
    }
}
