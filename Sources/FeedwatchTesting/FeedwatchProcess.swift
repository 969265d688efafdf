import Foundation

/// Runs the built `feedwatch` executable, as a user would, and captures what it printed.
public enum FeedwatchProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// The `feedwatch` binary next to the running test executable (same build directory).
    public static var executable: String {
        let running =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: running).deletingLastPathComponent()
        // swift test runs <bin>/feedwatchPackageTests.xctest; the binary is beside it.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("feedwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return TestDirectory.repository + "/.build/debug/feedwatch"
    }

    /// A feedwatch process left running (a daemon), to be stopped with a signal.
    public final class Running: @unchecked Sendable {
        public let process: Process
        private let out: Pipe
        private let err: Pipe

        init(process: Process, out: Pipe, err: Pipe) {
            self.process = process
            self.out = out
            self.err = err
        }

        public var pid: Int32 { process.processIdentifier }

        /// Sends a signal without waiting.
        public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Sends `signal`, waits up to `timeout` seconds for the exit (then SIGKILL), and returns what it printed.
        public func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 10) throws -> Result {
            send(signal)
            return FeedwatchProcess.finish(process, out: out, err: err, deadline: Date().addingTimeInterval(timeout))
        }
    }

    /// Starts feedwatch and returns at once.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let (process, out, err) = try launch(arguments, environment: environment)
        return Running(process: process, out: out, err: err)
    }

    /// Runs feedwatch with the arguments and waits, killing it after `timeout` seconds.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> Result {
        let (process, out, err) = try launch(arguments, environment: environment)
        return finish(process, out: out, err: err, deadline: Date().addingTimeInterval(timeout))
    }

    private static func launch(_ arguments: [String], environment: [String: String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "JOURNAL_STREAM")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits for the process (killing it at the deadline) while draining both pipes.
    static func finish(_ process: Process, out: Pipe, err: Pipe, deadline: Date) -> Result {
        // Drain both pipes while waiting, so a chatty process cannot block on a full pipe.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
