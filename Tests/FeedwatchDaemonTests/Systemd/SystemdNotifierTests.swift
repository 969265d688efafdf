import FeedwatchDaemon
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("sd_notify over NOTIFY_SOCKET")
struct SystemdNotifierTests {
    @Test(
        "Each notification arrives as one datagram of KEY=VALUE lines, on a path and on an abstract socket",
        arguments: [DatagramReceiver.Kind.path, .abstract])
    func messagesArrive(kind: DatagramReceiver.Kind) throws {
        let receiver = try DatagramReceiver(kind)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        #expect(notifier.isEnabled)

        #expect(notifier.ready())
        #expect(receiver.receive() == "READY=1")
        #expect(notifier.status("12 feeds, 1 failing"))
        #expect(receiver.receive() == "STATUS=12 feeds, 1 failing")
        #expect(notifier.watchdog())
        #expect(receiver.receive() == "WATCHDOG=1")
        #expect(notifier.stopping())
        #expect(receiver.receive() == "STOPPING=1")
        #expect(notifier.ready(status: "reloaded"))
        #expect(receiver.receive() == "READY=1\nSTATUS=reloaded")
    }

    @Test("RELOADING=1 carries MONOTONIC_USEC from CLOCK_MONOTONIC, as systemd 253 requires")
    func reloadingCarriesMonotonicTime() throws {
        let receiver = try DatagramReceiver(.path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        notifier.reloading()
        var after = timespec()
        clock_gettime(CLOCK_MONOTONIC, &after)

        let lines = try #require(receiver.receive()).split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last?.split(separator: "=").last.flatMap { UInt64($0) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        let low = UInt64(before.tv_sec) * 1_000_000 + UInt64(before.tv_nsec) / 1_000
        let high = UInt64(after.tv_sec) * 1_000_000 + UInt64(after.tv_nsec) / 1_000
        #expect((low...high).contains(stamp))
    }

    @Test("A status made of feed text cannot inject another assignment")
    func statusIsSanitized() throws {
        let receiver = try DatagramReceiver(.abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        notifier.status("last alert: Kirkuk\nREADY=1\u{202E}")
        let message = try #require(receiver.receive())
        #expect(!message.contains("\n"))
        #expect(message.hasPrefix("STATUS=last alert: Kirkuk READY=1"))
    }

    @Test("A long status is cut to fit, because systemd ignores a datagram over 4096 bytes entirely")
    func longStatusIsCut() throws {
        let receiver = try DatagramReceiver(.path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        let problem = "reload failed: " + String(repeating: "كركوك ", count: 2_000)
        notifier.ready(status: problem)
        let message = try #require(receiver.receive())
        #expect(message.utf8.count < 4096)
        #expect(message.hasPrefix("READY=1\nSTATUS=reload failed: كركوك"))
        #expect(message.hasSuffix("…"))
        let status = message.dropFirst("READY=1\nSTATUS=".count)
        #expect(status.utf8.count <= SystemdNotifier.maximumStatusBytes)
    }

    @Test(
        "Without a usable NOTIFY_SOCKET every call is a quiet no-op",
        arguments: [
            [:], ["NOTIFY_SOCKET": ""], ["NOTIFY_SOCKET": "@"], ["NOTIFY_SOCKET": "relative/path"],
            ["NOTIFY_SOCKET": "vsock:2:1234"],
        ] as [[String: String]])
    func disabledWithoutSocket(environment: [String: String]) {
        let notifier = SystemdNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.watchdog())
    }

    @Test("Sending to a socket nobody listens on fails without raising SIGPIPE or throwing")
    func vanishedManager() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent-feedwatch-dir/notify"])
        #expect(notifier.isEnabled)
        #expect(!notifier.ready())
    }

    @Test(
        "The watchdog interval comes from WATCHDOG_USEC, only for the process WATCHDOG_PID names",
        arguments: [
            (["WATCHDOG_USEC": "30000000"], Duration.seconds(30)),
            (["WATCHDOG_USEC": "1500000", "WATCHDOG_PID": "4242"], Duration.milliseconds(1500)),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], nil),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "x"], nil),
            (["WATCHDOG_USEC": "0"], nil),
            (["WATCHDOG_USEC": "-5"], nil),
            (["WATCHDOG_USEC": "thirty"], nil),
            ([:], nil),
        ] as [([String: String], Duration?)])
    func watchdogInterval(environment: [String: String], expected: Duration?) {
        let notifier = SystemdNotifier(environment: environment, processID: 4242)
        #expect(notifier.watchdogInterval == expected)
    }
}
