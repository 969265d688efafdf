/// SplitMix64: a small, fast, seeded generator, so the corpus is the same bytes on every
/// machine and every run (Foundation's and the standard library's randomness are neither).
struct SeededGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one part of the corpus (a feed, an item): derived from the seed and
    /// the part's coordinates, so a feed's bytes do not depend on how many feeds came before.
    init(seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0) {
        var mixer = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        state = mixer.next() ^ UInt64(truncatingIfNeeded: a)
        state = next() ^ UInt64(truncatingIfNeeded: b) &* 0xBF58_476D_1CE4_E5B9
        state = next() ^ UInt64(truncatingIfNeeded: c) &* 0x94D0_49BB_1331_11EB
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (multiply-shift; the tiny bias does not matter for a corpus).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func range(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `permille`/1000.
    mutating func chance(_ permille: Int) -> Bool { below(1000) < permille }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
