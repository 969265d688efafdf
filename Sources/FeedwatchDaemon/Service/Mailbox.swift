import Foundation

/// Events the daemon's loop reacts to, from signals, the cycle task and the clock.
enum DaemonEvent: Sendable {
    case reload
    case reopenLogs
    case stop(signal: Int32)
    case cycleFinished(CycleReport)
}

/// A queue of events with one waiter, who can also give up after a timeout. The daemon's
/// loop is the only reader; signal handlers and the cycle task post.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [DaemonEvent] = []
    private var waiter: (id: UInt64, continuation: CheckedContinuation<DaemonEvent?, Never>)?
    private var nextWaiterID: UInt64 = 0

    func post(_ event: DaemonEvent) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: event)
        } else {
            pending.append(event)
            lock.unlock()
        }
    }

    /// The next event, or nil when `timeout` passes first.
    func next(timeout: Duration) async -> DaemonEvent? {
        await withCheckedContinuation { continuation in
            lock.lock()
            if !pending.isEmpty {
                let event = pending.removeFirst()
                lock.unlock()
                continuation.resume(returning: event)
                return
            }
            nextWaiterID += 1
            let id = nextWaiterID
            waiter = (id, continuation)
            lock.unlock()
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    private func expire(_ id: UInt64) {
        lock.lock()
        guard let waiter, waiter.id == id else {
            lock.unlock()
            return
        }
        self.waiter = nil
        lock.unlock()
        waiter.continuation.resume(returning: nil)
    }
}
