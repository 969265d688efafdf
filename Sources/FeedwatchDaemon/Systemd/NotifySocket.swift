#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An unconnected Unix datagram socket aimed at the address in `NOTIFY_SOCKET`: a filesystem path,
/// or an abstract address written with a leading `@` (sd_notify(3)). Opened once; `sendto` is safe
/// from any thread, so the value is immutable and Sendable.
final class NotifySocket: Sendable {
    private let descriptor: Int32
    /// The raw `sockaddr_un` bytes and their meaningful length.
    private let address: [UInt8]

    /// Opens the socket, or returns nil when the address is empty, too long, or of a kind this
    /// implementation does not speak (systemd 254's `vsock:` addresses).
    init?(address text: String) {
        guard let address = Self.socketAddress(text) else { return nil }
        #if canImport(Glibc)
            let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_DGRAM
        #endif
        let descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.address = address
    }

    deinit {
        close(descriptor)
    }

    /// Sends one datagram; false when the kernel refused it (for example, the manager went away).
    func send(_ message: String) -> Bool {
        var bytes = Array(message.utf8)
        if bytes.isEmpty { bytes = [0] }
        let sent = address.withUnsafeBytes { addressBytes in
            bytes.withUnsafeBytes { payload in
                addressBytes.baseAddress!.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    // MSG_NOSIGNAL: a vanished peer must not raise SIGPIPE in the daemon.
                    sendto(
                        descriptor, payload.baseAddress, payload.count, Int32(MSG_NOSIGNAL), socketAddress,
                        socklen_t(addressBytes.count))
                }
            }
        }
        return sent == bytes.count
    }

    /// The `sockaddr_un` for a `NOTIFY_SOCKET` value, truncated to its used length (so abstract
    /// names are not padded with NULs, which would name a different socket).
    static func socketAddress(_ text: String) -> [UInt8]? {
        var path = Array(text.utf8)
        guard path.count > 1 || (path.count == 1 && path[0] != UInt8(ascii: "@")) else { return nil }
        switch path.first {
        case UInt8(ascii: "/"): break
        case UInt8(ascii: "@"): path[0] = 0  // abstract namespace: a leading NUL, no terminator
        default: return nil
        }
        let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard path.count < pathCapacity else { return nil }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        var bytes = [UInt8](repeating: 0, count: pathOffset + path.count)
        let family = sa_family_t(AF_UNIX)
        withUnsafeBytes(of: family) { familyBytes in
            for (index, byte) in familyBytes.enumerated() { bytes[index] = byte }
        }
        bytes.replaceSubrange(pathOffset..<(pathOffset + path.count), with: path)
        // A filesystem path is NUL-terminated; its length covers the terminator.
        if text.utf8.first == UInt8(ascii: "/") { bytes.append(0) }
        return bytes
    }
}
