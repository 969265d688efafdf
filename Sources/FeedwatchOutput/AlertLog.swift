import FeedwatchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The append-only JSON-lines alert log.
///
/// Writes are made to survive a crash at any moment: each line goes out in one `write(2)` on an
/// `O_APPEND` descriptor, a batch is fsynced once, and a batch that fails part-way is cut off
/// again, so the file only ever grows by whole, synced batches. On open, a torn last line left
/// by a crash is repaired. The log remembers the ids of the alerts it holds (those written since
/// it was opened and those in the last few megabytes of the file), and `append` skips an alert
/// already there: an alert written just before a crash, but not yet marked logged in the store,
/// is not written twice when the store hands it over again.
///
/// Only one process should write a log at a time (the daemon); readers use `AlertLogFollower`.
public final class AlertLog: @unchecked Sendable {
    public let path: String
    /// What opening (or the last reopen) found at the end of the file.
    public private(set) var lastRepair: TailRepair = .none
    private var descriptor: Int32
    private var known: RecentAlertIDs
    /// Set when a failed batch could not be cut off again: the tail must be re-read before the
    /// next write.
    private var needsRepair = false
    private let lock = NSLock()
    private let recoveryWindow: Int

    /// Opens (creating it if needed) the log at `path`, repairs a torn last line, and reads the
    /// alert ids in its last `recoveryWindow` bytes.
    public init(path: String, recoveryWindow: Int = 8 << 20) throws(AlertLogError) {
        self.path = path
        self.recoveryWindow = recoveryWindow
        self.known = RecentAlertIDs(capacity: 200_000)
        descriptor = try Self.open(path)
        do {
            lastRepair = try Self.repairTail(descriptor, path: path)
            known.insert(contentsOf: try Self.alertIDs(descriptor, path: path, inLastBytes: recoveryWindow))
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    /// Opens the log without creating a directory for it, and makes a new file's directory
    /// entry durable.
    public convenience init(path: String) throws(AlertLogError) {
        try self.init(path: path, recoveryWindow: 8 << 20)
    }

    deinit { Glibc.close(descriptor) }

    /// Appends one line per alert not already in the log (sanitized and encoded by `AlertLine`),
    /// then fsyncs. Returns the ids of the alerts written now. After this returns, every alert
    /// given is in the log, so all of them can be marked logged. When it throws, the log is as it
    /// was before the call (no partial batch), and the alerts should stay pending.
    @discardableResult
    public func append(_ alerts: [Alert]) throws(AlertLogError) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        try repairIfNeeded()
        var seen = Set<String>()
        let fresh = alerts.filter { !known.contains($0.alertID) && seen.insert($0.alertID).inserted }
        guard !fresh.isEmpty else { return [] }
        try writeBatch(fresh.map { AlertLine.encode($0) })
        let ids = fresh.map(\.alertID)
        known.insert(contentsOf: ids)
        return ids
    }

    /// Appends one `alert_update` line per update not already in the log (sanitized), then fsyncs.
    /// Like `append(_:)`: when it returns, every update given is in the log; when it throws, none
    /// of them was added. Returns the ids of the updates written now.
    @discardableResult
    public func append(updates: [AlertUpdate]) throws(AlertLogError) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        try repairIfNeeded()
        var seen = Set<String>()
        let fresh = updates.filter {
            !known.contains(Self.updateKey($0.updateID)) && seen.insert($0.updateID).inserted
        }
        guard !fresh.isEmpty else { return [] }
        var lines: [String] = []
        for update in fresh {
            do {
                lines.append(try EventLine.encode(update.sanitized))
            } catch {
                throw AlertLogError(kind: .invalidLine, errno: 0, path: path, message: "encoding an update: \(error)")
            }
        }
        try writeBatch(lines)
        known.insert(contentsOf: fresh.map { Self.updateKey($0.updateID) })
        return fresh.map(\.updateID)
    }

    /// Appends events of another type (`alert_update`, `feed_health`…), one line each, then fsyncs.
    public func append<Event: Encodable>(events: [Event]) throws(AlertLogError) {
        var lines: [String] = []
        for event in events {
            do {
                lines.append(try EventLine.encode(event))
            } catch {
                throw AlertLogError(kind: .invalidLine, errno: 0, path: path, message: "encoding an event: \(error)")
            }
        }
        try appendLines(lines)
    }

    /// Appends lines that are already JSON (one object each, no newline), then fsyncs.
    public func appendLines(_ lines: [String]) throws(AlertLogError) {
        for line in lines where line.utf8.contains(0x0A) || line.utf8.contains(0x0D) {
            throw AlertLogError(
                kind: .invalidLine, errno: 0, path: path, message: "a log line may not hold a line break")
        }
        lock.lock()
        defer { lock.unlock() }
        try repairIfNeeded()
        try writeBatch(lines.map(JSONText.escapingUnsafe))
    }

    /// Whether the log holds (within its recovery window, or written since open) this alert.
    public func contains(alertID: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return known.contains(alertID)
    }

    /// Whether the log holds (within its recovery window, or written since open) this update.
    public func contains(updateID: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return known.contains(Self.updateKey(updateID))
    }

    /// Closes the file and opens `path` again, creating it if needed: call it after logrotate
    /// moved the file (SIGHUP, SIGUSR1). On failure the old file stays open and in use.
    public func reopen() throws(AlertLogError) {
        lock.lock()
        defer { lock.unlock() }
        let fresh = try Self.open(path)
        do {
            lastRepair = try Self.repairTail(fresh, path: path)
            known.insert(contentsOf: try Self.alertIDs(fresh, path: path, inLastBytes: recoveryWindow))
        } catch {
            Glibc.close(fresh)
            throw error
        }
        Glibc.close(descriptor)
        descriptor = fresh
        needsRepair = false
    }

    // MARK: - Writing

    private func writeBatch(_ lines: [String]) throws(AlertLogError) {
        guard !lines.isEmpty else { return }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(.write, path) }
        let batchStart = status.st_size
        do throws(AlertLogError) {
            for line in lines {
                try writeLine(line + "\n")
            }
            guard fdatasync(descriptor) == 0 else { throw AlertLogError.system(.sync, path) }
        } catch {
            // Leave the file as it was before the batch: no torn line, and no line that the
            // retry (the alerts stay pending) would write a second time. Shrinking needs no space.
            if ftruncate(descriptor, batchStart) != 0 || fdatasync(descriptor) != 0 { needsRepair = true }
            throw error
        }
    }

    /// One `write(2)` per line, looping only on a partial write or an interrupted call.
    private func writeLine(_ line: String) throws(AlertLogError) {
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(.write, path)
            }
            if count == 0 { throw AlertLogError(kind: .write, errno: EIO, path: path, message: "write wrote nothing") }
            offset += count
        }
    }

    private func repairIfNeeded() throws(AlertLogError) {
        guard needsRepair else { return }
        lastRepair = try Self.repairTail(descriptor, path: path)
        known.insert(contentsOf: try Self.alertIDs(descriptor, path: path, inLastBytes: recoveryWindow))
        needsRepair = false
    }

    static func open(_ path: String) throws(AlertLogError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .system(.open, path) }
        // A new file's directory entry must survive a crash too.
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = Glibc.open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            Glibc.close(directoryDescriptor)
        }
        return descriptor
    }
}
