extension Unicode.Scalar {
    /// The windows-1252 character `byte` stands for: Latin-1 from 0xA0, typographic punctuation
    /// and a few letters at 0x80–0x9F, U+FFFD for the five bytes windows-1252 leaves unassigned.
    /// What stray high bytes and C1 controls in feeds nearly always mean.
    public static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0x80...0x9F: Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}"
        default: Unicode.Scalar(byte)
        }
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
