/// The byte classes the hand-written scanners share. ASCII only: a byte of 0x80 and up is none
/// of them.
enum ASCII {
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// `a`–`f` in either case.
    @inline(__always)
    static func isHexLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 }

    /// Space, tab, line feed, carriage return: XML's whitespace.
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
