#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The atomic replace of the metrics file.
enum MetricsFile {
    static func write(_ text: String, to path: String) throws(MetricsError) {
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw MetricsError(kind: .open, message: "\(temporary): \(String(cString: strerror(errno)))")
        }
        var failure: MetricsError?
        if fchmod(descriptor, 0o644) != 0 {
            failure = MetricsError(kind: .open, message: "\(temporary): \(String(cString: strerror(errno)))")
        }
        if failure == nil {
            failure = writeAll(Array(text.utf8), to: descriptor, path: temporary)
        }
        if close(descriptor) != 0, failure == nil {
            failure = MetricsError(kind: .write, message: "\(temporary): \(String(cString: strerror(errno)))")
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = MetricsError(kind: .rename, message: "\(path): \(String(cString: strerror(errno)))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// `DIR/.NAME.PID.tmp`: hidden, same directory (so rename is atomic), unique per process.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(getpid()).tmp"
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) -> MetricsError? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return MetricsError(kind: .write, message: "\(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        return nil
    }
}
