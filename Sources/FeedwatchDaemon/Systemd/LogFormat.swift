#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How operational log lines are written to stderr.
public enum LogFormat: Sendable, Hashable {
    /// Under systemd: `<N>message key=value…`, where `<N>` is the syslog priority that journald
    /// strips and records (so `journalctl -p` filters on it); journald adds the time itself.
    case journal
    /// Anywhere else: `TIMESTAMP LEVEL message key=value…`.
    case plain

    /// `.journal` when stderr is the stream systemd connected to the journal: `JOURNAL_STREAM`
    /// holds `DEVICE:INODE` of that stream, and it must still be the file on `descriptor` (a shell
    /// wrapper that redirects stderr elsewhere keeps the variable but not the stream; see
    /// systemd.exec(5), "JOURNAL_STREAM").
    public static func detect(environment: [String: String], descriptor: Int32 = STDERR_FILENO) -> LogFormat {
        guard let value = environment["JOURNAL_STREAM"] else { return .plain }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return .plain
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .plain }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode ? .journal : .plain
    }
}
