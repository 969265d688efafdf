import FeedwatchTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's side of the sd_notify protocol, observed the way systemd observes it: the built
/// `feedwatch run` with `NOTIFY_SOCKET` pointing at a datagram socket of the test's own.
@Suite("The daemon speaks sd_notify", .serialized)
struct DaemonNotifyTests {
    @Test("READY=1 once up, STATUS= with a summary, WATCHDOG=1 within every half period, STOPPING=1 on SIGTERM")
    func lifecycle() throws {
        let daemon = try DaemonUnderSystemd(watchdog: .milliseconds(400))
        let ready = daemon.waitFor { $0.assignments["READY"] == "1" }
        try #require(ready != nil, "no READY=1; stderr: \(daemon.stderr)")

        // After the first cycle the status is the summary line.
        let status = daemon.waitFor { $0.assignments["STATUS"]?.contains("feeds") == true }
        #expect(status?.assignments["STATUS"]?.contains("1 feeds") == true, "\(daemon.messages)")

        // WATCHDOG_USEC=400000 asks for a ping at least every 200 ms; 2 s must hold several.
        // (Counted loosely: the test bounds the period from above, never asserts on speed.)
        let pings = daemon.collect(for: .seconds(2)).filter { $0.assignments["WATCHDOG"] == "1" }
        #expect(pings.count >= 4, "only \(pings.count) WATCHDOG=1 in 2 s")

        daemon.send(SIGTERM)
        let stopping = daemon.waitFor(timeout: .seconds(15)) { $0.assignments["STOPPING"] == "1" }
        #expect(stopping != nil, "no STOPPING=1; \(daemon.messages.suffix(5))")
        let status0 = daemon.waitForExit(timeout: .seconds(15))
        #expect(status0 == 0, "exit status \(String(describing: status0)); stderr: \(daemon.stderr)")
    }

    @Test("SIGHUP is wrapped in RELOADING=1 (with MONOTONIC_USEC) … READY=1 and reports the new set")
    func reload() throws {
        let daemon = try DaemonUnderSystemd()
        try #require(daemon.waitFor { $0.assignments["READY"] == "1" } != nil, "stderr: \(daemon.stderr)")

        daemon.send(SIGHUP)
        let reloading = daemon.waitFor { $0.assignments["RELOADING"] == "1" }
        #expect(reloading?.assignments["MONOTONIC_USEC"].flatMap { UInt64($0) } != nil, "\(daemon.messages)")
        let readyAgain = daemon.waitFor { $0.assignments["READY"] == "1" }
        #expect(readyAgain != nil, "no READY=1 after RELOADING=1: \(daemon.messages.suffix(5))")
        let reloaded = daemon.messages.compactMap { $0.assignments["STATUS"] }.last { $0.hasPrefix("reloaded") }
        #expect(reloaded != nil, "\(daemon.messages.suffix(5))")

        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: .seconds(15)) == 0)
    }

    @Test("A reload with a broken watchlist keeps the old one running and says why in STATUS=")
    func brokenReload() throws {
        let daemon = try DaemonUnderSystemd()
        try #require(daemon.waitFor { $0.assignments["READY"] == "1" } != nil, "stderr: \(daemon.stderr)")

        try daemon.directory.write("watchlists/broken.yaml", "places: [ {id: nowhere, name: \n")
        daemon.send(SIGHUP)
        #expect(daemon.waitFor { $0.assignments["RELOADING"] == "1" } != nil)
        let failure = daemon.waitFor { $0.assignments["STATUS"]?.hasPrefix("reload failed") == true }
        #expect(failure?.assignments["STATUS"]?.contains("broken.yaml") == true, "\(daemon.messages.suffix(5))")
        #expect(daemon.waitFor { $0.assignments["READY"] == "1" } != nil)
        #expect(daemon.isRunning)

        // Still watching, still answering the watchdog with the old set.
        #expect(daemon.collect(for: .seconds(1)).contains { $0.assignments["WATCHDOG"] == "1" })

        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: .seconds(15)) == 0)
    }
}
