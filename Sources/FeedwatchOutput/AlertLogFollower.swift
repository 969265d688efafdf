import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the alert log as `tail` does: the last lines, and then, like `tail -F`, every line
/// appended, across rotations (a new file at the path, found by its inode) and truncations.
/// Only whole lines are handed out: a line still being written is held back until its newline
/// arrives.
public struct AlertLogFollower: Sendable {
    public let path: String
    /// How often to look for new data, a rotation or the file's return.
    public var pollInterval: Duration

    public init(path: String, pollInterval: Duration = .milliseconds(250)) {
        self.path = path
        self.pollInterval = pollInterval
    }

    /// The last `count` whole lines of the log (fewer when it has fewer); none when it does not exist.
    public func lines(last count: Int) throws(AlertLogError) -> [String] {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return [] }
            throw .system(.open, path)
        }
        defer { Glibc.close(descriptor) }
        let size = try AlertLog.fileSize(descriptor, path: path)
        let start = try Self.startOfLast(count, descriptor: descriptor, path: path, size: size)
        let bytes = try AlertLog.read(descriptor, path: path, from: start, count: size - start)
        return Self.wholeLines(in: bytes).lines
    }

    /// Hands `onLine` the last `count` lines, then each line as it is appended, until `onLine`
    /// returns false or the task is cancelled (then it returns normally). A missing file is
    /// waited for. After a rotation the new file is followed from its start, and the old one is
    /// still read for `rotationGrace`, since the writer may append to it until it reopens (logrotate
    /// creates the new file before it signals the daemon).
    public func follow(
        last count: Int = 0, rotationGrace: Duration = .seconds(5), onLine: (String) -> Bool
    ) async throws(AlertLogError) {
        var current: OpenFile?
        var rotated: (file: OpenFile, until: ContinuousClock.Instant)?
        var firstOpen = true
        while !Task.isCancelled {
            if current == nil, let opened = try OpenFile(path: path) {
                // The last lines of the file that was there at the start; all of one that came later.
                if firstOpen {
                    opened.position = try Self.startOfLast(
                        count, descriptor: opened.descriptor, path: path, size: opened.size())
                }
                current = opened
            }
            firstOpen = false
            var progressed = false
            if let old = rotated {
                guard try drain(old.file, onLine: onLine) else { return }
                if ContinuousClock.now >= old.until { rotated = nil }
            }
            if let file = current {
                let before = file.position
                guard try drain(file, onLine: onLine) else { return }
                progressed = file.position != before
                if !progressed {
                    // At the end of what is there: has the file been truncated, or replaced?
                    let size = try file.size()
                    if size < file.position {
                        file.position = size
                        file.pending = []
                        progressed = true
                    } else if file.isReplaced(at: path) {
                        rotated = (file, ContinuousClock.now + rotationGrace)
                        current = try OpenFile(path: path)
                        progressed = true
                    }
                }
            }
            if progressed { continue }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                return
            }
        }
    }

    /// Reads what `file` has past its position and hands out its whole lines. False when `onLine`
    /// asked to stop.
    private func drain(_ file: OpenFile, onLine: (String) -> Bool) throws(AlertLogError) -> Bool {
        while true {
            let chunk = try AlertLog.read(file.descriptor, path: path, from: file.position, count: 65_536)
            guard !chunk.isEmpty else { return true }
            file.position += chunk.count
            file.pending.append(contentsOf: chunk)
            let (lines, consumed) = Self.wholeLines(in: file.pending)
            file.pending.removeFirst(consumed)
            // A "line" with no end in sight is not a log line: drop it rather than grow forever.
            if file.pending.count > 16 << 20 { file.pending = [] }
            for line in lines where !onLine(line) { return false }
        }
    }

    /// The offset where the last `count` whole lines begin (the end of the last whole line when
    /// `count` is 0).
    static func startOfLast(_ count: Int, descriptor: Int32, path: String, size: Int) throws(AlertLogError) -> Int {
        var end = size
        var newlines = 0
        var lastWholeEnd: Int?
        while end > 0 {
            let start = max(0, end - 65_536)
            let block = try AlertLog.read(descriptor, path: path, from: start, count: end - start)
            for index in block.indices.reversed() where block[index] == 0x0A {
                if lastWholeEnd == nil { lastWholeEnd = start + index + 1 }
                newlines += 1
                // The (count+1)-th newline from the end closes the line before the ones we want.
                if newlines == count + 1 { return start + index + 1 }
            }
            end = start
        }
        return count == 0 ? (lastWholeEnd ?? 0) : 0
    }

    /// The whole lines at the start of `bytes` and how many bytes they took.
    static func wholeLines(in bytes: [UInt8]) -> (lines: [String], consumed: Int) {
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        return (lines, start)
    }

    /// The followed file and how far it has been read; closed when dropped.
    private final class OpenFile {
        let descriptor: Int32
        let device: UInt64
        let inode: UInt64
        var position = 0
        /// The start of a line whose newline has not arrived yet.
        var pending: [UInt8] = []

        /// Nil when there is no file at `path` yet.
        init?(path: String) throws(AlertLogError) {
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ENOENT { return nil }
                throw .system(.open, path)
            }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                Glibc.close(descriptor)
                throw .system(.read, path)
            }
            self.descriptor = descriptor
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }

        deinit { Glibc.close(descriptor) }

        func size() throws(AlertLogError) -> Int { try AlertLog.fileSize(descriptor, path: "") }

        /// Whether `path` now names another file (logrotate moved ours and created a new one).
        func isReplaced(at path: String) -> Bool {
            var status = stat()
            guard stat(path, &status) == 0 else { return false }
            return UInt64(status.st_dev) != device || UInt64(status.st_ino) != inode
        }
    }
}
