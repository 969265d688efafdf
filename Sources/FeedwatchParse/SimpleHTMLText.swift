import CLibXML2
import Foundation

/// A fast path for the HTML most feed descriptions carry (`<p>`, `<a href="…">`, `<b>`, `<br/>`,
/// named and numeric entities): the text libxml2's HTML parser would give, without building a
/// parser context, which costs more than the XML pass over the same bytes.
///
/// It accepts only markup whose result it can predict exactly: known element names, properly
/// nested, quoted attributes, entities the HTML parser knows, valid UTF-8 without control
/// characters. Anything else (comments, scripts, lists, headings, auto-closing, stray end tags,
/// unknown entities) returns nil, and the fragment goes to libxml2 as before.
enum SimpleHTMLText {
    /// Plain text of `fragment`, or nil when libxml2's HTML parser must decide.
    static func plainText(of fragment: [UInt8]) -> String? {
        fragment.withUnsafeBufferPointer { plainText(of: $0) }
    }

    static func plainText(of p: UnsafeBufferPointer<UInt8>) -> String? {
        var decodedLessThan = false
        return plainText(of: p, decodedLessThan: &decodedLessThan)
    }

    /// Plain text of `p`, or nil; `decodedLessThan` is set when a reference in it stood for `<`
    /// (the text may then hold tags escaped once too often).
    static func plainText(of p: UnsafeBufferPointer<UInt8>, decodedLessThan: inout Bool) -> String? {
        guard p.count > 0 else { return "" }
        // The text is never longer than the markup: a tag, a reference or a run of spaces
        // always leaves fewer bytes than it took. So it is written straight into the string.
        var lessThan = false
        defer { decodedLessThan = lessThan }
        return CollapsingWriter.string(capacity: p.count) { writer in
            var scanner = Scanner(bytes: p, out: writer)
            defer {
                writer = scanner.out
                lessThan = scanner.decodedLessThan
            }
            return scanner.run()
        }
    }

    /// Elements the fast path knows: inline ones (no effect on the text), two blocks (`p`,
    /// `div`: word breaks) and two void ones (`br`: a break; `img`: nothing).
    private enum Element: UInt8 {
        case p, div, br, img
        case a, b, i, em, strong, span, u, small, sub, sup, code, cite, abbr, font

        var isBlock: Bool { self == .p || self == .div || self == .br }
        var isVoid: Bool { self == .br || self == .img }

        init?(lowercased n: UnsafeBufferPointer<UInt8>) {
            func eq(_ s: StaticString) -> Bool {
                guard let base = n.baseAddress, n.count == s.utf8CodeUnitCount else { return false }
                return memcmp(base, s.utf8Start, n.count) == 0
            }
            switch n.count {
            case 1:
                switch n[0] {
                case 0x70: self = .p
                case 0x61: self = .a
                case 0x62: self = .b
                case 0x69: self = .i
                case 0x75: self = .u
                default: return nil
                }
            case 2:
                if eq("br") {
                    self = .br
                } else if eq("em") {
                    self = .em
                } else {
                    return nil
                }
            case 3:
                if eq("div") {
                    self = .div
                } else if eq("img") {
                    self = .img
                } else if eq("sub") {
                    self = .sub
                } else if eq("sup") {
                    self = .sup
                } else {
                    return nil
                }
            case 4:
                if eq("span") {
                    self = .span
                } else if eq("code") {
                    self = .code
                } else if eq("cite") {
                    self = .cite
                } else if eq("abbr") {
                    self = .abbr
                } else if eq("font") {
                    self = .font
                } else {
                    return nil
                }
            case 5: if eq("small") { self = .small } else { return nil }
            case 6: if eq("strong") { self = .strong } else { return nil }
            default: return nil
            }
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var out: CollapsingWriter
        var stack: [Element] = []
        /// A reference stood for `<`.
        var decodedLessThan = false

        init(bytes: UnsafeBufferPointer<UInt8>, out: CollapsingWriter) {
            self.bytes = bytes
            self.out = out
            stack.reserveCapacity(8)
        }

        /// One pass: text bytes go out as they are read (whitespace collapsed on the way), tags
        /// and references are handled where they start. False when the fragment needs libxml2.
        mutating func run() -> Bool {
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if Self.isPlain(b) {
                    // A run of plain text (valid UTF-8, single spaces between words included):
                    // the common case, found eight bytes at a time and copied at once.
                    let base = bytes.baseAddress!
                    var j = i + 1
                    while true {
                        while j + 8 <= n {
                            let stop = Self.stops(at: base + j, afterSpace: base[j - 1] == 0x20)
                            if stop != 0 {
                                j += stop.trailingZeroBitCount >> 3
                                break
                            }
                            j += 8
                        }
                        guard j < n else { break }
                        let c = base[j]
                        if Self.isPlain(c) || (c == 0x20 && base[j - 1] != 0x20) {
                            j += 1
                        } else if c >= 0x80, let length = Self.utf8Length(bytes, at: j) {
                            j += length
                            // Text in a script of two-byte letters (Arabic, Kurdish, Cyrillic…) has
                            // no plain ASCII to skip eight at a time: its letters and single spaces
                            // are taken in a loop of their own.
                            while j + 1 < n {
                                let d = base[j]
                                if d >= 0xC2, d <= 0xDF, base[j + 1] & 0xC0 == 0x80 {
                                    j += 2
                                } else if d == 0x20, base[j - 1] != 0x20 {
                                    j += 1
                                } else {
                                    break
                                }
                            }
                        } else {
                            break
                        }
                    }
                    // A space that ends the run belongs to what follows (it may be collapsed away).
                    if base[j - 1] == 0x20 { j -= 1 }
                    out.run(base + i, j - i)
                    i = j
                } else if b >= 0x80 {
                    guard let length = Self.utf8Length(bytes, at: i) else { return false }
                    for k in i..<(i + length) { out.byte(bytes[k]) }
                    i += length
                } else if b == 0x3C {
                    guard tag() else { return false }
                } else if b == 0x26 {
                    guard reference() else { return false }
                } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                    out.breakWord()
                    i += 1
                } else {
                    return false  // another control character
                }
            }
            return true
        }

        /// The length of the valid UTF-8 sequence at `at`, excluding surrogates and the
        /// noncharacters U+FFFE/U+FFFF (which libxml2's HTML parser rejects); nil otherwise.
        static func utf8Length(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
            let b0 = p[at]
            func cont(_ k: Int) -> UInt8? {
                guard at + k < p.count, p[at + k] & 0xC0 == 0x80 else { return nil }
                return p[at + k]
            }
            if b0 >= 0xC2, b0 <= 0xDF {
                guard cont(1) != nil else { return nil }
                return 2
            }
            if b0 >= 0xE0, b0 <= 0xEF {
                guard let b1 = cont(1), let b2 = cont(2) else { return nil }
                if b0 == 0xE0, b1 < 0xA0 { return nil }
                if b0 == 0xED, b1 >= 0xA0 { return nil }
                if b0 == 0xEF, b1 == 0xBF, b2 >= 0xBE { return nil }
                return 3
            }
            if b0 >= 0xF0, b0 <= 0xF4 {
                guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return nil }
                if b0 == 0xF0, b1 < 0x90 { return nil }
                if b0 == 0xF4, b1 >= 0x90 { return nil }
                return 4
            }
            return nil
        }

        /// Where among the eight bytes at `p` a plain-text run stops, as the lowest set bit of the
        /// result (its byte index is `trailingZeroBitCount / 8`; zero when none does): anything but
        /// printable ASCII other than `<` and `&`, or a space right after a space (`afterSpace`:
        /// the byte before `p` is one). Bits above the lowest mean nothing: a subtraction borrows,
        /// and an addition carries, only out of a byte that stops the run, so every byte below the
        /// first such byte is judged exactly, in a dozen operations on one load.
        @inline(__always)
        static func stops(at p: UnsafePointer<UInt8>, afterSpace: Bool) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            let w = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            // High bit: 0x80 and up (w), below 0x20 (borrow), `&` or `<` (borrow out of zero).
            let special = w | (w &- ones &* 0x20) | ((w ^ ones &* 0x26) &- ones) | ((w ^ ones &* 0x3C) &- ones)
            let x = w ^ ones &* 0x20
            let spaces = ~((x &+ ~high) | x) & high
            return (special & high) | (spaces & ((spaces << 8) | (afterSpace ? 0x80 : 0)))
        }

        /// Printable ASCII other than space, `<` and `&`: text the fast path copies as it is.
        @inline(__always)
        static func isPlain(_ b: UInt8) -> Bool { b > 0x20 && b < 0x80 && b != 0x3C && b != 0x26 }

        /// A start or end tag at `i` (`<`), consumed; false when the fast path cannot predict it.
        mutating func tag() -> Bool {
            let n = bytes.count
            var j = i + 1
            guard j < n else { return false }
            let isEnd = bytes[j] == 0x2F
            if isEnd { j += 1 }
            let nameStart = j
            var name: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
            var length = 0
            while j < n, length < 8, ASCII.isLetter(bytes[j]) {
                withUnsafeMutableBytes(of: &name) { $0[length] = bytes[j] | 0x20 }
                length += 1
                j += 1
            }
            guard j < n, j > nameStart, !ASCII.isLetter(bytes[j]) else { return false }
            let found = withUnsafeBytes(of: &name) { raw in
                let start = raw.bindMemory(to: UInt8.self).baseAddress
                return Element(lowercased: UnsafeBufferPointer(start: start, count: length))
            }
            guard let element = found else { return false }
            // After the name: whitespace, `/` or `>` only (a digit or `:` would make another name).
            let after = bytes[j]
            guard ASCII.isSpace(after) || after == 0x3E || after == 0x2F else { return false }
            if isEnd {
                while j < n, ASCII.isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == 0x3E else { return false }
                i = j + 1
                guard !element.isVoid, stack.last == element else { return false }
                stack.removeLast()
                if element.isBlock { out.breakWord() }
                return true
            }
            var selfClosing = false
            while true {
                while j < n, ASCII.isSpace(bytes[j]) { j += 1 }
                guard j < n else { return false }
                let c = bytes[j]
                if c == 0x3E {
                    j += 1
                    break
                }
                if c == 0x2F {
                    guard j + 1 < n, bytes[j + 1] == 0x3E else { return false }
                    selfClosing = true
                    j += 2
                    break
                }
                // An attribute: a plain name, then optionally `=` and a quoted value.
                guard ASCII.isLetter(c) else { return false }
                while j < n, ASCII.isLetter(bytes[j]) || ASCII.isDigit(bytes[j]) || bytes[j] == 0x2D || bytes[j] == 0x5F
                {
                    j += 1
                }
                while j < n, ASCII.isSpace(bytes[j]) { j += 1 }
                guard j < n else { return false }
                if bytes[j] == 0x3D {
                    j += 1
                    while j < n, ASCII.isSpace(bytes[j]) { j += 1 }
                    guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return false }
                    let quote = bytes[j]
                    j += 1
                    while j < n, bytes[j] != quote {
                        // `<` in a value is legal but a sign of markup the fast path should not guess at.
                        guard bytes[j] != 0x3C else { return false }
                        j += 1
                    }
                    guard j < n else { return false }
                    j += 1
                    // libxml2 needs a separator before the next attribute.
                    guard j < n, ASCII.isSpace(bytes[j]) || bytes[j] == 0x3E || bytes[j] == 0x2F else { return false }
                } else {
                    guard bytes[j] == 0x3E || bytes[j] == 0x2F || ASCII.isLetter(bytes[j]) else { return false }
                    guard ASCII.isSpace(bytes[j - 1]) || bytes[j] == 0x3E || bytes[j] == 0x2F else { return false }
                }
            }
            i = j
            // Only nestings where libxml2 closes nothing by itself.
            switch element {
            case .p:
                if let top = stack.last, top == .p {
                    guard stack.dropLast().allSatisfy({ $0 == .div }) else { return false }
                    stack.removeLast()
                    out.breakWord()
                } else {
                    guard stack.allSatisfy({ $0 == .div }) else { return false }
                }
            case .div:
                guard stack.allSatisfy({ $0 == .div }) else { return false }
            case .a:
                guard !stack.contains(.a) else { return false }
            case .br, .img:
                break
            default:
                guard !stack.contains(element) else { return false }
            }
            if element.isBlock { out.breakWord() }
            if element.isVoid {
                if element.isBlock { out.breakWord() }
            } else if selfClosing {
                if element.isBlock { out.breakWord() }
            } else {
                stack.append(element)
            }
            return true
        }

        /// An entity or character reference at `i` (`&`), decoded; false when unsure.
        mutating func reference() -> Bool {
            let n = bytes.count
            var j = i + 1
            guard j < n else { return false }
            var value: UInt32 = 0
            if bytes[j] == 0x23 {
                j += 1
                guard j < n else { return false }
                let hex = bytes[j] == 0x78 || bytes[j] == 0x58
                if hex { j += 1 }
                let digitsStart = j
                while j < n, j - digitsStart < 7 {
                    let c = bytes[j]
                    if ASCII.isDigit(c) {
                        value = value * (hex ? 16 : 10) + UInt32(c - 0x30)
                    } else if hex, ASCII.isHexLetter(c) {
                        value = value * 16 + UInt32((c | 0x20) - 0x61 + 10)
                    } else {
                        break
                    }
                    j += 1
                }
                guard j > digitsStart, j < n, bytes[j] == 0x3B else { return false }
                let isChar =
                    value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
                    || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
                guard isChar else { return false }
            } else {
                let nameStart = j
                while j < n, j - nameStart < 10, ASCII.isLetter(bytes[j]) || ASCII.isDigit(bytes[j]) { j += 1 }
                guard j > nameStart, j < n, bytes[j] == 0x3B, ASCII.isLetter(bytes[nameStart]) else { return false }
                let length = j - nameStart
                let found = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buf -> UInt32 in
                    for k in 0..<length { buf[k] = bytes[nameStart + k] }
                    buf[length] = 0
                    return htmlEntityLookup(buf.baseAddress)?.pointee.value ?? 0
                }
                guard found > 0 else { return false }
                value = found
            }
            guard let scalar = Unicode.Scalar(value) else { return false }
            if value == 0x3C { decodedLessThan = true }
            // Encoded in place: a String per entity cost more than the rest of the scan.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buf in
                var k = 0
                UTF8.encode(scalar) { unit in
                    buf[k] = unit
                    k += 1
                }
                out.append(UnsafeBufferPointer(rebasing: buf[0..<k]))
            }
            i = j + 1
            return true
        }
    }
}
