import CSQLite
import FeedwatchModel
import Foundation

/// The SQLite store: feeds with their fetch state, items seen, alerts. The source of truth;
/// the alert log is derived from it (an outbox: alerts are committed here first, then written
/// to the log, then marked logged).
///
/// One connection per `Store`, used behind a lock, so one instance can be shared by the
/// daemon's tasks. Readers in other processes (`feedwatch alerts`) open their own `Store`
/// with `readOnly: true`; WAL mode lets them read while the daemon writes.
///
/// Durability: the store runs in WAL mode with `synchronous = NORMAL`, except that a commit
/// carrying new alerts runs with `synchronous = FULL`, so an alert is on disk before the daemon
/// writes it to the log. The NORMAL commits (seen items without alerts, fetch state, the
/// "logged" marks) survive a crash of the process; a power loss can undo the last of them, which
/// costs at most a refetch, a re-match that finds the same alert ids (inserted once) and an
/// outbox entry the log writer recognises as already written.
public final class Store: @unchecked Sendable {
    public let path: String
    public let readOnly: Bool
    private let connection: SQLiteConnection
    private let lock = NSLock()

    /// Opens (creating it and its directory if needed) the store for writing, and brings its
    /// schema up to date.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, readOnly: false)
    }

    /// Opens the store. A read-only store never writes, never migrates, and fails when the file
    /// does not exist or holds a schema this version does not know.
    /// - Parameter busyTimeout: how long to wait for another connection's lock before failing.
    public init(path: String, readOnly: Bool, busyTimeout: Duration = .seconds(5)) throws(StoreError) {
        self.path = path
        self.readOnly = readOnly
        if !readOnly {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw StoreError(
                        code: SQLITE_CANTOPEN, message: "creating \(directory): \(error.localizedDescription)")
                }
            }
        }
        connection = try SQLiteConnection(path: path, readOnly: readOnly, busyTimeout: busyTimeout)
        if readOnly {
            try checkSchemaForReading()
        } else {
            try configureForWriting()
            try migrate()
        }
    }

    /// Runs `body` with the connection, one caller at a time.
    @discardableResult
    func locked<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }

    func requireWritable(_ operation: String) throws(StoreError) {
        if readOnly { throw StoreError(code: SQLITE_READONLY, message: "\(operation): the store was opened read-only") }
    }

    private func configureForWriting() throws(StoreError) {
        let mode = try connection.pragma("PRAGMA journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError(
                code: SQLITE_ERROR, message: "\(path): could not switch to WAL mode (got \(mode ?? "nothing"))")
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.setSynchronous(.normal)
    }

    /// Applies the migrations the file has not seen yet, in one transaction. Safe to run from
    /// two processes at once: the second sees the first one's version once it gets the lock.
    private func migrate() throws(StoreError) {
        try connection.writeTransaction { () throws(StoreError) in
            let current = Int(try connection.pragma("PRAGMA user_version") ?? "0") ?? 0
            guard current <= StoreSchema.version else {
                throw StoreError.schema(
                    "\(path) has schema version \(current), newer than this feedwatch knows (\(StoreSchema.version))")
            }
            for migration in StoreSchema.migrations.dropFirst(current) {
                try connection.execute(migration)
            }
            if current < StoreSchema.version {
                try connection.execute("PRAGMA user_version = \(StoreSchema.version)")
            }
        }
    }

    private func checkSchemaForReading() throws(StoreError) {
        let current = Int(try connection.pragma("PRAGMA user_version") ?? "0") ?? 0
        guard current == StoreSchema.version else {
            let reason =
                current == 0
                ? "is not a feedwatch store yet (run the daemon once to create it)"
                : current < StoreSchema.version
                    ? "has schema version \(current), older than this feedwatch's \(StoreSchema.version) (run the daemon once to migrate it)"
                    : "has schema version \(current), newer than this feedwatch knows (\(StoreSchema.version))"
            throw StoreError.schema("\(path) \(reason)")
        }
    }

    /// The schema version of the file (the number of migrations applied).
    public func schemaVersion() throws(StoreError) -> Int {
        try locked { (db) throws(StoreError) in Int(try db.pragma("PRAGMA user_version") ?? "0") ?? 0 }
    }

    /// SQLite's integrity check: an empty list when the file is sound, else the problems found.
    public func integrityCheck() throws(StoreError) -> [String] {
        try locked { (db) throws(StoreError) in
            let problems = try db.statement("PRAGMA integrity_check").rows { row in row.text(0) ?? "" }
            return problems == ["ok"] ? [] : problems
        }
    }

    /// Copies the write-ahead log into the database file and truncates it; for idle moments.
    public func checkpoint() throws(StoreError) {
        try requireWritable("checkpoint")
        try locked { (db) throws(StoreError) in try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
