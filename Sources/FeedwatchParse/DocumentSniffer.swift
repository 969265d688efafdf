import Foundation

/// Cheap looks at the raw bytes before (and after) libxml2 sees them.
enum DocumentSniffer {
    /// The first byte that is not whitespace, a BOM or a NUL (UTF-16/32 padding), or nil if none.
    static func firstSignificantByte(_ data: [UInt8]) -> UInt8? {
        for b in data.prefix(4096) {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x00, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF: continue
            default: return b
            }
        }
        return data.count > 4096 ? 0x3C : nil
    }

    /// libxml2 spends seconds of CPU on one element with 100,000 attributes before any callback
    /// could count them, so long start tags are checked here: any tag longer than 16 KiB with
    /// more `=` than `maxAttributes` is refused. Returns the tag's first bytes when refused.
    ///
    /// A tag that long is a stretch of 16 KiB without a `>`, so the bytes are stepped through a
    /// window at a time, each starting after the last `>` of the one before: only a window with no
    /// `>` at all (rare in a feed) sends its stretch to the tag-by-tag check.
    static func oversizedTag(_ p: UnsafeBufferPointer<UInt8>, maxAttributes: Int) -> String? {
        guard let base = p.baseAddress else { return nil }
        let window = 16_384
        var start = 0  // just after a `>` (or the start): the tag-by-tag check may begin here
        while p.count - start > window {
            var last = start + window - 1
            while last >= start, p[last] != 0x3E { last -= 1 }
            if last >= start {
                start = last + 1
                continue
            }
            // No `>` in 16 KiB: check the tags from here to the next `>` after the stretch.
            let from = start + window
            let end =
                memchr(base + from, 0x3E, p.count - from).map {
                    UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base + 1
                } ?? p.count
            if let tag = oversizedTagByTag(UnsafeBufferPointer(rebasing: p[start..<end]), maxAttributes: maxAttributes)
            {
                return tag
            }
            start = end
        }
        return nil
    }

    /// The check one tag at a time: from each `<` to the next `>`.
    static func oversizedTagByTag(_ p: UnsafeBufferPointer<UInt8>, maxAttributes: Int) -> String? {
        guard let base = p.baseAddress else { return nil }
        var offset = 0
        while offset < p.count {
            guard let lt = memchr(base + offset, 0x3C, p.count - offset) else { return nil }
            let start = UnsafeRawPointer(lt).assumingMemoryBound(to: UInt8.self) - base
            let from = start + 1
            guard from < p.count, let gt = memchr(base + from, 0x3E, p.count - from) else { return nil }
            let end = UnsafeRawPointer(gt).assumingMemoryBound(to: UInt8.self) - base
            if end - start > 16_384 {
                var equals = 0
                for i in start..<end where p[i] == 0x3D { equals += 1 }
                if equals > maxAttributes {
                    return String(decoding: p[start..<min(end, start + 24)], as: UTF8.self) + "…"
                }
            }
            offset = end + 1
        }
        return nil
    }

    /// Where a feed starts after something else (a PHP warning, a stray line of output): the
    /// first XML declaration or RSS, RDF or Atom root start tag past the first byte, within the
    /// first 64 KiB; nil when there is none.
    static func feedStart(in data: [UInt8]) -> Int? {
        let head = data.prefix(65_536)
        guard head.count > 1 else { return nil }
        /// The first `marker` past the first byte that is followed by whitespace or `>`.
        func first(_ marker: String) -> Int? {
            var from = 1
            while let found = head[from...].firstRange(of: marker.utf8) {
                guard found.upperBound < head.count else { return nil }
                let next = head[found.upperBound]
                if next == 0x3E || ASCII.isSpace(next) { return found.lowerBound }
                from = found.lowerBound + 1
            }
            return nil
        }
        return first("<?xml") ?? ["<rss", "<feed", "<rdf:RDF"].compactMap(first).min()
    }

    /// An HTML page rather than XML: a doctype or `<html` near the start (any case).
    static func looksLikeHTML(_ data: [UInt8]) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }
}
