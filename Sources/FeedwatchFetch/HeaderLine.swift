/// Byte-level parsing of one HTTP header line, as the header callback receives it. Works on bytes, not `String`
/// and `CharacterSet`: it runs for every header of every response, thousands of times per cycle.
enum HeaderLine {
    /// A status line (`HTTP/1.1 304 Not Modified`): its status code, 0 when unreadable. nil when not a status line.
    static func status(_ line: UnsafeRawBufferPointer) -> Int? {
        guard line.count >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F
        else { return nil }
        var index = 5
        while index < line.count, line[index] != 0x20 { index += 1 }  // skip the version
        while index < line.count, line[index] == 0x20 { index += 1 }
        var code = 0
        var digits = 0
        while index < line.count, digits < 3, (0x30...0x39).contains(line[index]) {
            code = code * 10 + Int(line[index] - 0x30)
            digits += 1
            index += 1
        }
        return digits == 3 ? code : 0
    }

    /// A field line (`ETag: "x"`): its lower-cased name and its value without surrounding whitespace.
    static func field(_ line: UnsafeRawBufferPointer) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: 0x3A), colon > 0 else { return nil }
        var nameEnd = colon
        while nameEnd > 0, isSpace(line[nameEnd - 1]) { nameEnd -= 1 }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, isSpace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, isSpace(line[valueEnd - 1]) { valueEnd -= 1 }
        let name = String(
            unsafeUninitializedCapacity: nameEnd,
            initializingUTF8With: { buffer in
                for i in 0..<nameEnd {
                    let byte = line[i]
                    buffer[i] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                }
                return nameEnd
            })
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        return (name, value)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
