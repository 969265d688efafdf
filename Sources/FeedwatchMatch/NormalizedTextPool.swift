import Foundation

/// Scratch buffers for scans, kept between calls: a fresh `NormalizedText` costs three
/// allocations (and three more when a field outgrows it), which is a real share of the time
/// for a feed item of a few kilobytes.
///
/// A buffer is taken out under the lock and used by one scan on one thread only, then given
/// back; the lock guards only the list, which is what makes the `@unchecked Sendable` sound.
final class NormalizedTextPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [NormalizedText] = []

    /// More buffers than threads that scan at once would only hold memory.
    static let maximumKept = 8
    /// A buffer grown past this (a huge field) is dropped after use rather than kept.
    static let maximumKeptCapacity = 1 << 20

    /// Runs `body` with a buffer no one else is using.
    func withBuffer<Result>(_ body: (NormalizedText) -> Result) -> Result {
        lock.lock()
        let reused = free.popLast()
        lock.unlock()
        let buffer = reused ?? NormalizedText(capacity: 4096)
        defer { giveBack(buffer) }
        return body(buffer)
    }

    private func giveBack(_ buffer: NormalizedText) {
        guard buffer.capacity <= Self.maximumKeptCapacity else { return }
        lock.lock()
        if free.count < Self.maximumKept { free.append(buffer) }
        lock.unlock()
    }
}
