import CSQLite

/// A failure of the store: the SQLite result code (extended where SQLite gives one) and a
/// message naming what the store was doing.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "SQLite error \(code): \(message)" }

    /// The primary result code (the low byte of an extended code).
    public var primaryCode: Int32 { code & 0xff }

    /// The disk (or the quota) is full: the write was rolled back and can be retried later.
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }

    /// Another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// The file is not a store this version understands, or is damaged.
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// A store problem that is not a SQLite result (a schema from a newer feedwatch, a row
    /// that does not decode).
    static func schema(_ message: String) -> StoreError { StoreError(code: SQLITE_ERROR, message: message) }
}
