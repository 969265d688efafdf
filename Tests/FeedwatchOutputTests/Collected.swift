import Foundation

/// Collects what the follower hands out, from the follower's task.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func add(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var snapshot: [String] { lock.withLock { lines } }

    /// Waits (bounded) until at least `count` lines arrived.
    func wait(for count: Int, timeout: Duration = .seconds(10)) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        while snapshot.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return snapshot
    }
}
