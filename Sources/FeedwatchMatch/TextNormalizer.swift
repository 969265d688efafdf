/// Folds text into `NormalizedText`. ASCII takes a table lookup per byte; anything else one
/// lookup in `FoldTable`; no Foundation call and no reference counting in the loop.
public enum TextNormalizer {
    /// The normal form of `text` as a string: what aliases and item text are compared in.
    /// Idempotent: normalizing the result again returns it unchanged.
    public static func normalize(_ text: String) -> String {
        let normalized = NormalizedText(text)
        // Aliases and keys do not keep leading or trailing space.
        while normalized.count > 0,
            normalized.scalars[normalized.count - 1] == 0x20 || normalized.scalars[normalized.count - 1] == 0x0A
        {
            normalized.count -= 1
        }
        return normalized.string
    }

    /// How many scalars the normal form of `text` has: normalization alone, for benchmarks.
    public static func normalizedCount(_ text: String) -> Int {
        NormalizedText(text).count
    }

    /// The normal form without case folding, to check case-sensitive aliases ("IS" ≠ "is").
    static func normalizePreservingCase(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            for folded in ScalarFolding.fold(scalar, foldCase: false) {
                let value = folded.value == 0x0A ? 0x20 : folded.value
                if value == 0x20 {
                    if lastWasSpace { continue }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
                out.append(value)
            }
        }
        while out.last == 0x20 { out.removeLast() }
        return out
    }

    /// Writes the normal form of `text` into `output`, replacing what it held.
    static func normalize(_ text: String, into output: NormalizedText) {
        var text = text
        let table = FoldTable.shared
        text.withUTF8 { bytes in
            let count = bytes.count
            output.count = 0
            output.wordStartCount = 0
            output.reserve(count + 8)
            var writer = Writer(output)
            var index = 0
            var original: Int32 = 0
            let ascii = table.ascii
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // An ASCII character folds to an ASCII character, whose slot is its value.
                    let packed = ascii[Int(byte)]
                    writer.emit(packed & 0x7F, original, isWord: packed & FoldTable.asciiWordBit != 0)
                    index += 1
                    original += 1
                    continue
                }
                let value: UInt32
                if byte < 0xE0 {
                    value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if byte < 0xF0 {
                    value =
                        UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value =
                        UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                if let slot = FoldTable.slot(value) {
                    let entry = table.entry(atSlot: slot)
                    if entry & FoldTable.sequenceFlag == 0 {
                        writer.emit(entry & ~FoldTable.wordBit, original, isWord: entry & FoldTable.wordBit != 0)
                    } else if entry != FoldTable.dropped {
                        let start = Int(entry & 0xFFFF)
                        let length = Int((entry >> 16) & 0x7FFF)
                        writer.ensure(length + count - index, output)
                        for offset in 0..<length {
                            let folded = table.sequences[start + offset]
                            writer.emit(folded, original, isWord: table.isWord(folded))
                        }
                    }
                } else {
                    let folded = table.overflowFold(value)
                    writer.ensure(folded.count + count - index, output)
                    for scalar in folded { writer.emit(scalar, original, isWord: table.isWord(scalar)) }
                }
                original += 1
            }
            output.count = writer.used
            output.wordStartCount = writer.wordStartCount
            output.originalCount = Int(original)
        }
    }

    /// Appends folded scalars to the buffer, collapsing runs of space.
    private struct Writer {
        var scalars: UnsafeMutablePointer<UInt32>
        var origins: UnsafeMutablePointer<Int32>
        var wordStarts: UnsafeMutablePointer<Int32>
        var used = 0
        var wordStartCount = 0
        /// Start as if after a space, so leading space is dropped like a collapsed run.
        var lastWasSpace = true
        var lastWasWord = false

        init(_ output: NormalizedText) {
            scalars = output.scalars
            origins = output.origins
            wordStarts = output.wordStarts
        }

        /// Branch-free: every scalar is written; a space after a space overwrites the previous
        /// slot instead of advancing (keeping the run's first origin, and `\n` over ` `).
        /// The buffers have a slot before index 0, so this also drops leading space.
        @inline(__always)
        mutating func emit(_ value: UInt32, _ origin: Int32, isWord: Bool) {
            let isSpace = value == 0x20 || value == 0x0A
            let merge = isSpace && lastWasSpace
            let index = merge ? used - 1 : used
            scalars[index] = merge ? min(scalars[index], value) : value
            origins[index] = merge ? origins[index] : origin
            wordStarts[wordStartCount] = Int32(index)
            wordStartCount += isWord && !lastWasWord ? 1 : 0
            used = index + 1
            lastWasSpace = isSpace
            lastWasWord = isWord
        }

        /// Makes room for `more` scalars beyond those written (a fold that expands).
        mutating func ensure(_ more: Int, _ output: NormalizedText) {
            guard used + more > output.capacity else { return }
            output.count = used
            output.wordStartCount = wordStartCount
            output.reserve(used + more)
            scalars = output.scalars
            origins = output.origins
            wordStarts = output.wordStarts
        }
    }
}
