extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing ASCII whitespace (space, tab, CR, LF).
    var trimmedASCII: UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, ASCII.isSpace(self[start]) { start += 1 }
        while end > start, ASCII.isSpace(self[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and cost a tenth of the parse time.
    var trimmedASCII: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        if !ASCII.isSpace(first), !ASCII.isSpace(last) { return self }
        guard let start = u.firstIndex(where: { !ASCII.isSpace($0) }),
            let end = u.lastIndex(where: { !ASCII.isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
