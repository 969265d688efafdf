import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real Unix datagram socket standing in for systemd's notification socket: bound to a path in
/// a temporary directory or to an abstract name, reading with a timeout so no test can hang.
final class DatagramReceiver {
    let descriptor: Int32
    /// The value to put in `NOTIFY_SOCKET`.
    let notifyAddress: String
    private let directory: URL?

    enum Kind { case path, abstract }

    init(_ kind: Kind) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let name: [UInt8]
        switch kind {
        case .path:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "fw-notify-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            notifyAddress = dir.appendingPathComponent("notify").path
            name = Array(notifyAddress.utf8)
        case .abstract:
            directory = nil
            let abstractName = "feedwatch-test-\(UUID().uuidString)"
            notifyAddress = "@" + abstractName
            name = [0] + Array(abstractName.utf8)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in name.enumerated() { path[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (kind == .path ? 1 : 0))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The next datagram as text, or nil when none arrives within `timeout` (at most 5 s by default).
    func receive(timeout: Duration = .seconds(5)) -> String? {
        let (seconds, attoseconds) = timeout.components
        var limit = timeval(tv_sec: Int(max(seconds, 0)), tv_usec: Int(max(attoseconds, 0) / 1_000_000_000_000))
        if limit.tv_sec == 0 && limit.tv_usec == 0 { limit.tv_usec = 1 }  // zero would mean "wait forever"
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
