import Foundation

/// gzip encoding for test fixtures, by the system's `/bin/gzip` (so no compression library is linked).
public enum Gzip {
    /// The gzip encoding of `bytes`. Throws if `gzip` cannot run or fails.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedwatch-gzip-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-9", "-n", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GzipError(status: process.terminationStatus) }
        return [UInt8](data)
    }
}

/// `/bin/gzip` exited with a failure status.
public struct GzipError: Error, CustomStringConvertible {
    public var status: Int32
    public var description: String { "gzip exited with status \(status)" }
}
