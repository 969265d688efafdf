import Testing

@testable import FeedwatchFetch

@Suite("Fetches waiting for a slot, queued per host")
struct HostQueuesTests {
    /// Queues a fetch whose continuation is resumed at once: the queue only stores it, never resumes it.
    private func pending(_ id: UInt64, _ url: String, into queues: inout HostQueues) async {
        _ = await withCheckedContinuation { (continuation: CheckedContinuation<FetchOutcome, Never>) in
            queues.push(PendingFetch(id: id, request: FetchRequest(url: url), continuation: continuation))
            continuation.resume(returning: .failed(FetchError(.cancelled, "test")))
        }
    }

    @Test func hostsAreServedInTurnSoOneLargeHostDoesNotStarveTheOthers() async {
        var queues = HostQueues()
        for id in 1...4 as ClosedRange<UInt64> { await pending(id, "http://big.example/\(id)", into: &queues) }
        await pending(5, "http://small.example/a", into: &queues)
        await pending(6, "https://big.example/b", into: &queues)  // another scheme: another host key

        var order: [UInt64] = []
        while let next = queues.next(canStart: { _ in true }) { order.append(next.id) }

        #expect(order == [1, 5, 6, 2, 3, 4])
        #expect(queues.isEmpty)
    }

    @Test func aHostAtItsCapIsSkippedUntilItHasRoom() async {
        var queues = HostQueues()
        await pending(1, "http://a.example/1", into: &queues)
        await pending(2, "http://a.example/2", into: &queues)
        await pending(3, "http://b.example/1", into: &queues)

        let first = queues.next { $0 != "http://a.example" }
        #expect(first?.id == 3)
        #expect(queues.next { $0 != "http://a.example" } == nil)
        #expect(queues.next { _ in true }?.id == 1)
        #expect(queues.count == 1)
    }

    @Test func aWaitingFetchCanBeRemovedById() async {
        var queues = HostQueues()
        for id in 1...3 as ClosedRange<UInt64> { await pending(id, "http://a.example/\(id)", into: &queues) }

        #expect(queues.remove(id: 2)?.id == 2)
        #expect(queues.remove(id: 2) == nil)
        var order: [UInt64] = []
        while let next = queues.next(canStart: { _ in true }) { order.append(next.id) }
        #expect(order == [1, 3])
    }

    @Test func aLongQueueDrainsInOrder() async {
        var queues = HostQueues()
        for id in 1...300 as ClosedRange<UInt64> { await pending(id, "http://a.example/\(id)", into: &queues) }
        var order: [UInt64] = []
        while let next = queues.next(canStart: { _ in true }) { order.append(next.id) }
        #expect(order == Array(1...300))
    }

    @Test(arguments: [
        ("HTTP://News.Example:8080/feed?x=1", "http://news.example:8080"),
        ("https://news.example?feed=1", "https://news.example"),
        ("https://news.example#top", "https://news.example"),
        ("https://user@news.example/a://b", "https://user@news.example"),
        ("file:///var/feeds/a.xml", "file://"),
        ("not a url", "not a url"),
    ])
    func theHostKeyIsSchemeAndAuthorityLowerCased(url: String, key: String) async {
        var queues = HostQueues()
        await pending(1, url, into: &queues)
        var asked: [String] = []
        _ = queues.next {
            asked.append($0)
            return true
        }
        #expect(asked == [key])
    }
}
