import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and reports its own resource use (wait4), so the CPU time
/// and peak RSS are the child's alone, not the benchmark's or the loopback server's.
enum ChildProcess {
    struct Outcome: Sendable {
        /// The exit status, or nil when a signal ended it.
        var exitStatus: Int32?
        var signal: Int32?
        var timedOut: Bool
        var wall: Double
        var cpu: Double
        var peakRSSBytes: Int

        var succeeded: Bool { exitStatus == 0 && !timedOut }

        var failure: String {
            if timedOut { return "timed out after \(Figure.fixed(wall, 0)) s" }
            if let signal { return "killed by signal \(signal)" }
            return "exit \(exitStatus ?? -1)"
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` with stdout and stderr sent to files, waits at most `timeout` seconds.
    static func run(
        _ executable: String, arguments: [String], environment: [String: String], stdout: String, stderr: String,
        timeout: Double
    ) throws(SpawnError) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        var pid: pid_t = 0
        let wall0 = Measure.wallSeconds()
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }

        // The watchdog kills the child only while it is unreaped, so the pid cannot belong to
        // another process by then: waitid(WNOWAIT) sees the exit, `finished` is set, then wait4 reaps.
        let watchdog = Watchdog(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        let wall = Measure.wallSeconds() - wall0
        let timedOut = watchdog.finish()

        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &waitStatus, 0, &usage) < 0 && errno == EINTR {}
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        let termination = waitStatus & 0x7f
        return Outcome(
            exitStatus: termination == 0 ? (waitStatus >> 8) & 0xff : nil,
            signal: termination == 0 ? nil : termination, timedOut: timedOut, wall: wall, cpu: cpu,
            // ru_maxrss is in kilobytes on Linux.
            peakRSSBytes: usage.ru_maxrss * 1024)
    }

    /// Kills the child if the time runs out before it finishes.
    private final class Watchdog: @unchecked Sendable {
        private let pid: pid_t
        private let lock = NSLock()
        private var finished = false
        private var fired = false

        init(pid: pid_t) { self.pid = pid }

        func fire() {
            lock.withLock {
                guard !finished else { return }
                fired = true
                kill(pid, SIGKILL)
            }
        }

        /// Marks the child finished; true when the watchdog had killed it.
        func finish() -> Bool {
            lock.withLock {
                finished = true
                return fired
            }
        }
    }
}
