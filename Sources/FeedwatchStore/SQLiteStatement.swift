import CSQLite
import Foundation

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    static func date(_ value: Date?) -> SQLValue { value.map { .double($0.timeIntervalSince1970) } ?? .null }
    static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
}

/// One prepared statement; finalized when the last reference goes. The connection caches
/// these, so each is reset and its bindings cleared before every use.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws(StoreError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(
            connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.error(code, "preparing \(sql)")
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int(let v): code = sqlite3_bind_int64(handle, index, v)
            case .double(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, feedwatch_sqlite_transient())
            }
            guard code == SQLITE_OK else { throw connection.error(code, "binding parameter \(index) of \(sql)") }
        }
    }

    /// Runs a statement that returns no rows. Returns the number of rows it changed.
    @discardableResult
    func run(_ values: [SQLValue] = []) throws(StoreError) -> Int {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw connection.error(code, "running \(sql)") }
        return Int(sqlite3_changes(connection.handle))
    }

    /// Runs a query and hands each row to `body`.
    func query(_ values: [SQLValue] = [], _ body: (Row) throws(StoreError) -> Void) throws(StoreError) {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw connection.error(code, "querying \(sql)") }
            try body(Row(handle: handle))
        }
    }

    /// The rows of a query, each turned into a value by `transform`.
    func rows<T>(_ values: [SQLValue] = [], _ transform: (Row) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        try query(values) { (row) throws(StoreError) in result.append(try transform(row)) }
        return result
    }

    /// The current row of a statement being stepped; valid only inside the `query` callback.
    struct Row {
        fileprivate let handle: OpaquePointer

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

        func date(_ column: Int32) -> Date? {
            isNull(column) ? nil : Date(timeIntervalSince1970: sqlite3_column_double(handle, column))
        }
    }
}
