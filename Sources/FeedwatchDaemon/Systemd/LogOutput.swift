#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where finished log lines go. Each line is handed over whole, newline included, so that a
/// single `write(2)` keeps concurrent lines from interleaving.
public struct LogOutput: Sendable {
    private let sink: @Sendable (String) -> Void

    /// An output that hands each line to `sink` (tests collect lines this way).
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Writes one line; `line` must already end in a newline.
    public func write(_ line: String) {
        sink(line)
    }

    /// The process's stderr, unbuffered.
    public static let standardError = LogOutput { line in
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // stderr is gone; nothing sensible is left to tell
            }
        }
    }
}
