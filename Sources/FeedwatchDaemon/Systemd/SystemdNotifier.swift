import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells the service manager how the daemon is doing: the `sd_notify` protocol spoken directly over the
/// Unix datagram socket that systemd names in `NOTIFY_SOCKET`, without libsystemd.
///
/// Every method is a no-op returning `false` when the daemon was not started by systemd with
/// `Type=notify` (no `NOTIFY_SOCKET`), so callers never need to check. The socket is opened once,
/// so `watchdog()` is one `sendto` and cheap enough for every turn of the scheduler loop.
///
/// The daemon's life, as systemd 252 expects it with `Type=notify`:
/// ```swift
/// let notifier = SystemdNotifier()
/// // config, store and schedule are up:
/// notifier.ready()
/// notifier.status("12 feeds, 0 failing, 3 alerts today")
/// // each scheduler turn, at least every `notifier.watchdogInterval / 2`:
/// notifier.watchdog()
/// // on SIGHUP:
/// notifier.reloading(); /* reload */ notifier.ready()
/// // on SIGTERM:
/// notifier.stopping()
/// ```
public final class SystemdNotifier: Sendable {
    /// The socket, or nil when there is nobody to tell.
    private let socket: NotifySocket?

    /// How often systemd expects `WATCHDOG=1` (from `WATCHDOG_USEC`), or nil when the unit has no
    /// `WatchdogSec=` or the watchdog is meant for another process (`WATCHDOG_PID`). Send at about
    /// half this period, as sd_watchdog_enabled(3) advises.
    public let watchdogInterval: Duration?

    /// Whether messages go anywhere: true when `NOTIFY_SOCKET` named a usable socket.
    public var isEnabled: Bool { socket != nil }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    ///
    /// - Parameters:
    ///   - environment: the process environment (a parameter so tests can point at their own socket).
    ///   - processID: this process's id, compared with `WATCHDOG_PID`.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, processID: Int32 = getpid()
    ) {
        self.socket = environment["NOTIFY_SOCKET"].flatMap(NotifySocket.init(address:))
        self.watchdogInterval = Self.watchdogInterval(environment: environment, processID: processID)
    }

    /// `READY=1`: start-up (or a reload) is complete. Also sends `STATUS=` when given.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        send(["READY=1"] + Self.statusField(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=`: a reload has begun; answer with `ready()` when it ends.
    /// systemd 253's `Type=notify-reload` requires the timestamp; systemd 252 ignores it.
    @discardableResult
    public func reloading(status: String? = nil) -> Bool {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"] + Self.statusField(status))
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        send(["STOPPING=1"] + Self.statusField(status))
    }

    /// `STATUS=`: the one line `systemctl status` shows. Control characters and line breaks are
    /// replaced, so text from a feed can never inject another assignment, and the text is cut to
    /// `maximumStatusBytes`.
    @discardableResult
    public func status(_ text: String) -> Bool {
        send(Self.statusField(text))
    }

    /// `WATCHDOG=1`: the scheduler loop is alive.
    @discardableResult
    public func watchdog() -> Bool {
        send(["WATCHDOG=1"])
    }

    /// Sends raw `KEY=VALUE` assignments, one per line, in one datagram.
    /// Returns whether the datagram was sent.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        guard let socket, !assignments.isEmpty else { return false }
        return socket.send(assignments.joined(separator: "\n"))
    }

    /// The most a `STATUS=` value may carry, in UTF-8 bytes. systemd (252 included) reads
    /// notifications into a PIPE_BUF (4096-byte) buffer and ignores a longer datagram entirely
    /// ("Received notify message exceeded maximum size"), so a long reload error would otherwise
    /// leave a stale status behind.
    public static let maximumStatusBytes = 1024

    private static func statusField(_ text: String?) -> [String] {
        guard let text else { return [] }
        return ["STATUS=" + truncated(text.sanitized, toUTF8Bytes: maximumStatusBytes)]
    }

    /// `text` cut on a character boundary to at most `limit` UTF-8 bytes, with "…" when cut.
    static func truncated(_ text: String, toUTF8Bytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let ellipsis = "…"
        var kept = ""
        var used = ellipsis.utf8.count
        for character in text {
            let size = character.utf8.count
            guard used + size <= limit else { break }
            kept.append(character)
            used += size
        }
        return kept + ellipsis
    }

    /// `WATCHDOG_USEC` as a duration, honouring `WATCHDOG_PID` as sd_watchdog_enabled(3) does.
    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0,
            usec <= UInt64(Int64.max)
        else { return nil }
        if let pidText = environment["WATCHDOG_PID"] {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return .microseconds(Int64(usec))
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
