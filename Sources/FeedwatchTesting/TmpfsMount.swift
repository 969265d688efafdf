import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted in a temp directory, for disk-full tests; unmounted when dropped.
/// Needs root (it is, on the build machine); `mount()` returns nil where it is not allowed.
public final class TmpfsMount {
    public let path: String

    public static var mayMount: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    private init(path: String) { self.path = path }

    public static func mount(kilobytes: Int) -> TmpfsMount? {
        let path = NSTemporaryDirectory() + "feedwatch-tmpfs-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil,
            run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        return TmpfsMount(path: path)
    }

    deinit {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Fills the file system with a file of zeros until it is full; returns the file's path.
    @discardableResult
    public func fill() -> String {
        let filler = path + "/filler"
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let block = [UInt8](repeating: 0, count: 512)
        while descriptor >= 0, write(descriptor, block, block.count) > 0 {}
        close(descriptor)
        return filler
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
