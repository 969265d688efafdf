import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What opening the log found at its end.
public enum TailRepair: Sendable, Hashable {
    /// The file was empty or ended with a newline.
    case none
    /// The last line was complete JSON without its newline: the newline was added.
    case newlineAdded
    /// The last line was torn (a crash mid-write): these bytes were cut off.
    case truncated(bytes: Int)
}

extension AlertLog {
    /// How an update's id is remembered beside alert ids, so the two can never collide.
    static func updateKey(_ updateID: String) -> String { "update:" + updateID }

    /// The ids of the alert events in the last `byteCount` bytes of the log at `path` (the first,
    /// partial line of that window is skipped). For recovery after a crash: a pending alert whose
    /// id is here was written but not yet marked logged.
    public static func alertIDs(path: String, inLastBytes byteCount: Int) throws(AlertLogError) -> Set<String> {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return [] }
            throw .system(.open, path)
        }
        defer { Glibc.close(descriptor) }
        return Set(try alertIDs(descriptor, path: path, inLastBytes: byteCount).filter { !$0.hasPrefix("update:") })
    }

    static func alertIDs(_ descriptor: Int32, path: String, inLastBytes byteCount: Int) throws(AlertLogError)
        -> [String]
    {
        let size = try fileSize(descriptor, path: path)
        let start = max(0, size - byteCount)
        var bytes = try read(descriptor, path: path, from: start, count: size - start)
        if start > 0, let newline = bytes.firstIndex(of: 0x0A) {
            bytes.removeSubrange(...newline)
        }
        var ids: [String] = []
        for line in bytes.split(separator: 0x0A) {
            if let id = alertIDOfOwnLine(line) {
                ids.append(id)
                continue
            }
            if let id = updateIDOfOwnLine(line) {
                ids.append(updateKey(id))
                continue
            }
            guard let fields = AlertLine.fields(of: String(decoding: line, as: UTF8.self)) else { continue }
            switch fields["event_type"] as? String {
            case "alert": if let id = fields["alert_id"] as? String { ids.append(id) }
            case "alert_update": if let id = fields["update_id"] as? String { ids.append(updateKey(id)) }
            default: break
            }
        }
        return ids
    }

    private static let ownLineMarker = Array(#","event_type":"alert","alert_id":""#.utf8)

    /// The alert id of a line `AlertLine.encode` wrote (its fixed key order puts the id within the
    /// first hundred bytes), read without parsing the line; nil for any other line. Reading the
    /// ids of the last megabytes of the log at start-up is then a scan, not a JSON parse per line.
    static func alertIDOfOwnLine(_ line: ArraySlice<UInt8>) -> String? {
        let marker = ownLineMarker
        let window = line.prefix(100)
        guard window.starts(with: #"{"timestamp":""#.utf8), line.last == 0x7D,  // a whole object: ends in }
            let start = window.indices.first(where: { window[$0...].starts(with: marker) })
        else { return nil }
        let idStart = start + marker.count
        guard let idEnd = line[idStart...].firstIndex(of: 0x22) else { return nil }
        let id = line[idStart..<idEnd]
        // An escape inside the id: leave it to the JSON parser.
        guard !id.isEmpty, !id.contains(0x5C) else { return nil }
        return String(decoding: id, as: UTF8.self)
    }

    private static let updateLineStart = Array(#"{"alert_id":""#.utf8)
    private static let updateLineType = Array(#"","event_type":"alert_update","#.utf8)
    private static let updateIDMarker = Array(#","update_id":""#.utf8)

    /// The update id of an `alert_update` line `EventLine.encode` wrote (sorted keys: the alert id
    /// first, the event type next, the update id last), read without parsing the line; nil for
    /// any other line. Strings in the line are JSON-escaped, so the markers cannot occur inside one.
    static func updateIDOfOwnLine(_ line: ArraySlice<UInt8>) -> String? {
        let head = line.prefix(100)
        guard head.starts(with: updateLineStart), line.suffix(2).elementsEqual(#""}"#.utf8),
            head.indices.contains(where: { head[$0...].starts(with: updateLineType) })
        else { return nil }
        let tail = line.suffix(100)
        guard let marker = tail.indices.last(where: { tail[$0...].starts(with: updateIDMarker) }) else { return nil }
        let id = line[(marker + updateIDMarker.count)..<(line.endIndex - 2)]
        guard !id.isEmpty, !id.contains(0x5C), !id.contains(0x22) else { return nil }
        return String(decoding: id, as: UTF8.self)
    }

    /// Makes the file end with a whole line: a last line without its newline is completed when it
    /// is a JSON object, and cut off when it is not (a write torn by a crash).
    static func repairTail(_ descriptor: Int32, path: String) throws(AlertLogError) -> TailRepair {
        let size = try fileSize(descriptor, path: path)
        guard size > 0 else { return .none }
        guard try read(descriptor, path: path, from: size - 1, count: 1) != [0x0A] else { return .none }
        // Find the start of the last line, reading backwards a block at a time.
        var lineStart = 0
        var end = size
        searching: while end > 0 {
            let start = max(0, end - 65_536)
            let block = try read(descriptor, path: path, from: start, count: end - start)
            if let newline = block.lastIndex(of: 0x0A) {
                lineStart = start + newline + 1
                break searching
            }
            end = start
        }
        let tail = try read(descriptor, path: path, from: lineStart, count: size - lineStart)
        if AlertLine.fields(of: String(decoding: tail, as: UTF8.self)) != nil {
            let written = Glibc.write(descriptor, "\n", 1)
            guard written == 1 else { throw .system(.write, path) }
            guard fdatasync(descriptor) == 0 else { throw .system(.sync, path) }
            return .newlineAdded
        }
        guard ftruncate(descriptor, off_t(lineStart)) == 0 else { throw .system(.truncate, path) }
        guard fdatasync(descriptor) == 0 else { throw .system(.sync, path) }
        return .truncated(bytes: size - lineStart)
    }

    static func fileSize(_ descriptor: Int32, path: String) throws(AlertLogError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(.read, path) }
        return Int(status.st_size)
    }

    /// `count` bytes from `offset` (fewer at the end of the file), retrying interrupted reads.
    static func read(_ descriptor: Int32, path: String, from offset: Int, count: Int) throws(AlertLogError) -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .system(.read, path)
            }
            if got == 0 { break }
            filled += got
        }
        buffer.removeSubrange(filled...)
        return buffer
    }
}

/// A bounded set of alert ids that forgets the oldest first.
struct RecentAlertIDs {
    private var order: [String] = []
    private var head = 0
    private var members = Set<String>()
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func contains(_ id: String) -> Bool { members.contains(id) }

    mutating func insert(contentsOf ids: some Sequence<String>) {
        for id in ids where members.insert(id).inserted {
            order.append(id)
            if members.count > capacity {
                members.remove(order[head])
                head += 1
                // Drop the forgotten prefix now and then, not on every insert.
                if head > capacity {
                    order.removeFirst(head)
                    head = 0
                }
            }
        }
    }
}
