import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One writer per store: `run` holds an exclusive `flock` on `<store>.lock` for as long as it
/// runs, so a second daemon (or a `run --once` from cron beside the service) on the same state
/// stops with a clear error instead of logging every alert twice.
///
/// The lock is the kernel's: it goes with the process, whatever way the process ends, so a
/// crash never leaves a stale lock behind. The file holds the holder's pid, for the message.
final class StateLock: Sendable {
    let path: String
    private let descriptor: Int32

    init(storePath: String) throws(ServicesError) {
        path = storePath + ".lock"
        descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw ServicesError(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.holder(descriptor)
            Glibc.close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw ServicesError(path: path, message: "cannot lock the store: \(String(cString: strerror(reason)))")
            }
            throw ServicesError(
                path: storePath,
                message: "another feedwatch\(holder.map { " (pid \($0))" } ?? "") is running with this store; "
                    + "stop it first (systemctl stop feedwatch), or give this run its own store and alert_log")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// The pid the holder wrote, if it is readable.
    private static func holder(_ descriptor: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
