import CSQLite
import Foundation

/// One SQLite connection, closed when the last reference goes. Not thread-safe on its own:
/// `Store` serializes every use behind its lock.
final class SQLiteConnection {
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// The `synchronous` level last set, so it is only changed when it must be.
    private var synchronous: Synchronous?

    enum Synchronous: String {
        case normal = "NORMAL"
        case full = "FULL"
    }

    init(path: String, readOnly: Bool, busyTimeout: Duration) throws(StoreError) {
        var db: OpaquePointer?
        // NOMUTEX: the Store's own lock serializes access, SQLite's would only add cost.
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else { throw StoreError(code: code, message: "opening \(path): out of memory") }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw StoreError(code: code, message: "opening \(path): \(message)")
        }
        self.handle = db
        sqlite3_extended_result_codes(db, 1)
        let milliseconds =
            busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        let timeoutCode = sqlite3_busy_timeout(db, Int32(clamping: milliseconds))
        guard timeoutCode == SQLITE_OK else { throw error(timeoutCode, "setting the busy timeout") }
    }

    deinit {
        // Statements must be finalized before the connection closes; close_v2 would otherwise
        // keep the connection alive as a zombie.
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ code: Int32, _ context: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        // Prefer the extended code (SQLITE_IOERR_WRITE over SQLITE_IOERR) when it is the same failure.
        let extended = sqlite3_extended_errcode(handle)
        return StoreError(code: extended & 0xff == code & 0xff ? extended : code, message: "\(context): \(message)")
    }

    /// Runs one or more statements that take no parameters (schema, pragmas, transactions).
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard code == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw StoreError(code: sqlite3_extended_errcode(handle), message: "\(sql.prefix(80)): \(message)")
        }
    }

    /// The prepared statement for `sql`, from the cache when it was prepared before.
    func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let statement = try SQLiteStatement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// The first column of the first row of a query without parameters, as text.
    func pragma(_ sql: String) throws(StoreError) -> String? {
        var value: String?
        try statement(sql).query { row in if value == nil { value = row.text(0) } }
        return value
    }

    func setSynchronous(_ level: Synchronous) throws(StoreError) {
        guard synchronous != level else { return }
        try execute("PRAGMA synchronous = \(level.rawValue)")
        synchronous = level
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    /// `BEGIN IMMEDIATE` takes the write lock up front, so a busy store fails at the start (after
    /// the busy timeout) rather than half-way through.
    func writeTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // A failed COMMIT (disk full) leaves the transaction open: roll it back so the next
            // one can begin. The rollback's own error, if any, adds nothing to the first.
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in one read transaction, so every query in it sees the same snapshot.
    func readTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN")
        defer { if sqlite3_get_autocommit(handle) == 0 { try? execute("COMMIT") } }
        return try body()
    }
}
