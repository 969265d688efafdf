#if canImport(Glibc)
    import Glibc
#endif

/// A failure of the alert log, with the operation, the errno and the file.
public struct AlertLogError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case open
        case read
        case write
        case sync
        case truncate
        /// A line that is not one JSON value on one line.
        case invalidLine
    }

    public var kind: Kind
    /// The errno of the failing call, 0 when it was not a system call.
    public var errno: Int32
    public var path: String
    public var message: String

    public init(kind: Kind, errno: Int32, path: String, message: String) {
        self.kind = kind
        self.errno = errno
        self.path = path
        self.message = message
    }

    static func system(_ kind: Kind, _ path: String, _ code: Int32 = Glibc.errno) -> AlertLogError {
        AlertLogError(kind: kind, errno: code, path: path, message: String(cString: strerror(code)))
    }

    /// The file system (or the quota) is full: the alerts stay pending and can be written later.
    public var isDiskFull: Bool { errno == ENOSPC || errno == EDQUOT }

    public var description: String { "alert log \(path): \(kind.rawValue) failed: \(message)" }
}
