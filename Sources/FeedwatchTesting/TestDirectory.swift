import Foundation

/// A fresh directory under the system temp dir, removed when the value goes away.
public final class TestDirectory {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "feedwatch-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file (creating folders) and returns its path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    /// Copies a file or folder of the repository (e.g. "seeds") into this directory.
    public func copy(fromRepository relative: String, to destination: String? = nil) throws {
        try FileManager.default.copyItem(
            atPath: Self.repository + "/" + relative, toPath: path + "/" + (destination ?? relative))
    }

    /// The repository root, found from this source file.
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}
