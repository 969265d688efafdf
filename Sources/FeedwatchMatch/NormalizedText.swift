/// Text in the matcher's normal form, with the way back to the original.
///
/// The normal form is the same for aliases and item text: NFKC compatibility forms, case
/// folded, diacritics and harakat removed, apostrophe variants unified, hyphens and every
/// kind of space turned into one space, zero-width and bidi characters dropped, and
/// Arabic-script letter variants folded (see `ScalarFolding`). Runs of spaces collapse to
/// one; a run that held a line break becomes `\n`, so sentences can still be told apart.
///
/// A scratch buffer in raw memory, reused field after field by one scan on one thread (never
/// shared), so the hot loops index plain pointers.
final class NormalizedText {
    /// The folded scalar values, `count` of them.
    private(set) var scalars: UnsafeMutablePointer<UInt32>
    /// For each folded scalar, the index of the original scalar it came from.
    private(set) var origins: UnsafeMutablePointer<Int32>
    var count = 0
    /// Where words start (a word character after a non-word one), `wordStartCount` of them:
    /// the scan walks the trie from these only, without a second pass over every scalar.
    private(set) var wordStarts: UnsafeMutablePointer<Int32>
    var wordStartCount = 0
    private(set) var capacity: Int
    /// The number of scalars in the original text.
    var originalCount = 0

    init(capacity: Int = 1024) {
        self.capacity = max(16, capacity)
        (scalars, origins) = Self.allocate(self.capacity)
        wordStarts = .allocate(capacity: self.capacity + 1)
    }

    convenience init(_ text: String) {
        self.init(capacity: text.utf8.count + 16)
        TextNormalizer.normalize(text, into: self)
    }

    deinit {
        (scalars - 1).deallocate()
        (origins - 1).deallocate()
        wordStarts.deallocate()
    }

    /// Both buffers with one slot before index 0 (a space), so the writer may look one back
    /// without a branch.
    private static func allocate(_ capacity: Int) -> (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int32>) {
        let scalars = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity + 1)
        let origins = UnsafeMutablePointer<Int32>.allocate(capacity: capacity + 1)
        scalars.initialize(to: 0x20)
        origins.initialize(to: 0)
        return (scalars + 1, origins + 1)
    }

    /// Makes room for at least `needed` scalars, keeping the first `count`.
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2)
        let (newScalars, newOrigins) = Self.allocate(newCapacity)
        newScalars.update(from: scalars, count: count)
        newOrigins.update(from: origins, count: count)
        (scalars - 1).deallocate()
        (origins - 1).deallocate()
        let newStarts = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity + 1)
        newStarts.update(from: wordStarts, count: wordStartCount)
        wordStarts.deallocate()
        wordStarts = newStarts
        scalars = newScalars
        origins = newOrigins
        capacity = newCapacity
    }

    var values: [UInt32] { Array(UnsafeBufferPointer(start: scalars, count: count)) }

    var string: String {
        var view = String.UnicodeScalarView()
        for index in 0..<count {
            if let scalar = Unicode.Scalar(scalars[index]) { view.append(scalar) }
        }
        return String(view)
    }
}
