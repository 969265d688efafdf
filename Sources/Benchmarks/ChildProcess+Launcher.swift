import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Linux keeps a process's peak RSS across `execve`, and `posix_spawn` (a vfork) execs from the
/// parent's address space: a daemon spawned straight from this process would report the
/// benchmark's own peak (the corpus and the server, hundreds of MB) as its own. So the daemon
/// is started by a launcher — this executable again, in `--launch-child` mode, before it has
/// allocated anything — which spawns it, reaps it with wait4, and writes the outcome to a file.
/// The launcher's own peak (printed as the floor) is the least the daemon can report.
extension ChildProcess {
    static let launchFlag = "--launch-child"

    /// Runs `executable` through the launcher. Same contract as `run`.
    static func runLaunched(
        _ executable: String, arguments: [String], environment: [String: String], stdout: String, stderr: String,
        timeout: Double
    ) throws(SpawnError) -> (outcome: Outcome, floorBytes: Int) {
        guard let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            throw SpawnError(description: "cannot find this executable in /proc/self/exe")
        }
        let result = stdout + ".outcome"
        let launcher = try run(
            me,
            arguments: [launchFlag, result, stdout, stderr, String(timeout), "--", executable] + arguments,
            environment: environment, stdout: stdout + ".launcher", stderr: stdout + ".launcher-err",
            timeout: timeout + 30)
        guard launcher.succeeded, let text = try? String(contentsOfFile: result, encoding: .utf8) else {
            let why = (try? String(contentsOfFile: stdout + ".launcher-err", encoding: .utf8)) ?? ""
            throw SpawnError(description: "launcher failed (\(launcher.failure)) \(why.prefix(200))")
        }
        let fields = text.split(separator: " ").map(String.init)
        guard fields.count == 7, let wall = Double(fields[3]), let cpu = Double(fields[4]),
            let peak = Int(fields[5]), let floor = Int(fields[6])
        else { throw SpawnError(description: "launcher wrote an unreadable outcome: \(text.prefix(200))") }
        let outcome = Outcome(
            exitStatus: Int32(fields[0]), signal: Int32(fields[1]), timedOut: fields[2] == "1", wall: wall, cpu: cpu,
            peakRSSBytes: peak)
        return (outcome, floor)
    }

    /// The launcher's side: `--launch-child RESULT STDOUT STDERR TIMEOUT -- EXECUTABLE ARGS…`.
    /// Returns the launcher's exit status.
    static func launcherMain(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 6, arguments[4] == "--", let timeout = Double(arguments[3]) else { return 64 }
        // The peak of this address space (VmHWM), not getrusage's, which carries the parent's
        // peak across this launcher's own exec for the same reason.
        let floor = highWaterMark()
        let outcome: Outcome
        do {
            outcome = try run(
                arguments[5], arguments: Array(arguments.dropFirst(6)),
                environment: ProcessInfo.processInfo.environment, stdout: arguments[1], stderr: arguments[2],
                timeout: timeout)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 71
        }
        let line = [
            outcome.exitStatus.map(String.init) ?? "-", outcome.signal.map(String.init) ?? "-",
            outcome.timedOut ? "1" : "0", String(outcome.wall), String(outcome.cpu), String(outcome.peakRSSBytes),
            String(floor),
        ].joined(separator: " ")
        do {
            try Data(line.utf8).write(to: URL(fileURLWithPath: arguments[0]))
        } catch {
            return 73
        }
        return 0
    }

    /// VmHWM of this process, in bytes: the peak resident set of the current address space.
    private static func highWaterMark() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
