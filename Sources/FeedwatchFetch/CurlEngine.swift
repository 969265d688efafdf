import CCurl
import Foundation

/// One curl multi handle driven by one thread. Callers hand fetches over under a lock and wake the thread with
/// `curl_multi_wakeup`; the thread owns the multi handle, every transfer, and the per-host counts, and resumes
/// each caller's continuation when its transfer ends.
final class CurlEngine: @unchecked Sendable {
    let limits: FetchLimits
    private let multi: UnsafeMutableRawPointer?
    /// Why the engine cannot run, if it cannot; every fetch then fails with it.
    private var setupError: String?

    // Guarded by `lock`: the hand-over from callers to the engine thread.
    private let lock = NSLock()
    private var incoming: [PendingFetch] = []
    private var cancelRequests: Set<UInt64> = []
    private var stopping = false
    private var multiClosed = false
    private var lastID: UInt64 = 0
    private var threadStarted = false

    // Owned by the engine thread.
    private var waiting = HostQueues()
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var activeByID: [UInt64: UnsafeMutableRawPointer] = [:]
    private var activePerHost: [String: Int] = [:]
    private var hostOf: [UInt64: String] = [:]

    init(limits: FetchLimits) {
        self.limits = limits
        multi = CurlGlobal.ready ? curl_multi_init() : nil
        if let multi {
            // Backstops for connections curl opens on its own (redirects to another host); then enough idle
            // connections kept for reuse on the next cycle.
            let options: [(CURLMoption, Int, String)] = [
                (CURLMOPT_MAX_HOST_CONNECTIONS, max(1, limits.maxPerHost), "MAX_HOST_CONNECTIONS"),
                (CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, limits.maxConcurrent), "MAX_TOTAL_CONNECTIONS"),
                (CURLMOPT_MAXCONNECTS, max(8, limits.maxConcurrent), "MAXCONNECTS"),
            ]
            for (option, value, name) in options {
                let code = feedwatch_curl_multi_setopt_long(multi, option, value)
                if code != CURLM_OK, setupError == nil {
                    setupError = "curl refused multi option \(name): \(String(cString: curl_multi_strerror(code)))"
                }
            }
        } else {
            setupError = "libcurl failed to initialise"
        }
    }

    deinit {
        // Only reached when the thread never started or has finished (it holds a reference while it runs).
        if let multi, !multiClosed { curl_multi_cleanup(multi) }
    }

    func makeID() -> UInt64 {
        lock.withLock {
            lastID += 1
            return lastID
        }
    }

    /// Queues a fetch for the engine thread, or answers at once if the engine is stopping or the fetch was
    /// already cancelled.
    func submit(_ fetch: PendingFetch) {
        lock.lock()
        guard setupError == nil, !stopping, cancelRequests.remove(fetch.id) == nil else {
            let error =
                setupError.map { FetchError(.other, $0) }
                ?? FetchError(.cancelled, "the fetcher is shutting down or the fetch was cancelled")
            lock.unlock()
            fetch.continuation.resume(returning: .failed(error))
            return
        }
        incoming.append(fetch)
        let startThread = !threadStarted
        threadStarted = true
        wakeUnderLock()
        lock.unlock()
        if startThread { startEngineThread() }
    }

    /// Ends one fetch early (its task was cancelled): it completes with `.cancelled`.
    func cancel(_ id: UInt64) {
        lock.withLock {
            cancelRequests.insert(id)
            wakeUnderLock()
        }
    }

    /// Stops taking fetches and ends every queued and in-flight one with `.cancelled`. Returns at once; the
    /// engine thread finishes within one poll round.
    func shutdown() {
        lock.withLock {
            stopping = true
            wakeUnderLock()
        }
    }

    /// Wakes `curl_multi_poll`. Called with `lock` held, so it never races `curl_multi_cleanup`.
    private func wakeUnderLock() {
        // A failed wakeup only delays the hand-over to the next poll timeout (1 s); nothing to undo.
        if let multi, !multiClosed, curl_multi_wakeup(multi) != CURLM_OK { return }
    }

    private func startEngineThread() {
        let thread = Thread { [self] in run() }
        thread.name = "feedwatch-curl"
        thread.start()
    }

    // MARK: The engine thread

    private func run() {
        guard let multi else { return }
        var running: Int32 = 0
        while true {
            lock.lock()
            let arrived = incoming
            incoming.removeAll(keepingCapacity: true)
            let cancels = cancelRequests
            let stop = stopping
            lock.unlock()

            if stop { break }
            for fetch in arrived { waiting.push(fetch) }
            if !cancels.isEmpty { applyCancels(cancels, multi) }
            startWaiting(multi)

            let performed = curl_multi_perform(multi, &running)
            if performed != CURLM_OK {
                failAll(
                    multi, FetchError(.other, "curl_multi_perform: \(String(cString: curl_multi_strerror(performed)))"))
            }
            collectFinished(multi)
            startWaiting(multi)
            // Handles added above carry an expired timer, so this returns at once when there is work to start.
            let polled = curl_multi_poll(multi, nil, 0, 1000, nil)
            if polled != CURLM_OK {
                // The multi handle is unusable: fail everything rather than spin.
                let reason = "curl_multi_poll: \(String(cString: curl_multi_strerror(polled)))"
                lock.withLock { setupError = reason }
                failAll(multi, FetchError(.other, reason))
                break
            }
        }
        failAll(multi, FetchError(.cancelled, "the fetcher shut down"))
        lock.withLock {
            multiClosed = true
            for fetch in incoming {
                fetch.continuation.resume(returning: .failed(FetchError(.cancelled, "the fetcher shut down")))
            }
            incoming.removeAll()
        }
        curl_multi_cleanup(multi)
    }

    /// Starts waiting fetches while the total and per-host caps allow.
    private func startWaiting(_ multi: UnsafeMutableRawPointer) {
        let perHost = max(1, limits.maxPerHost)
        while active.count < max(1, limits.maxConcurrent),
            let fetch = waiting.next(canStart: { activePerHost[$0, default: 0] < perHost })
        {
            start(fetch, multi)
        }
    }

    private func start(_ fetch: PendingFetch, _ multi: UnsafeMutableRawPointer) {
        let transfer = CurlTransfer(
            id: fetch.id, request: fetch.request, limits: limits, continuation: fetch.continuation)
        transfer.observer = fetch.observer
        do {
            try transfer.configure()
        } catch {
            transfer.complete(.failed(error))
            return
        }
        guard let easy = transfer.easy else {
            transfer.complete(.failed(FetchError(.other, "curl_easy_init failed")))
            return
        }
        let added = curl_multi_add_handle(multi, easy)
        guard added == CURLM_OK else {
            transfer.complete(
                .failed(FetchError(.other, "curl_multi_add_handle: \(String(cString: curl_multi_strerror(added)))")))
            return
        }
        let host = fetch.hostKey
        active[easy] = transfer
        activeByID[fetch.id] = easy
        hostOf[fetch.id] = host
        activePerHost[host, default: 0] += 1
    }

    /// Reads curl's "done" messages and answers each finished transfer.
    private func collectFinished(_ multi: UnsafeMutableRawPointer) {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = feedwatch_curl_msg_result(message)
            guard let transfer = detach(easy, multi) else { continue }
            transfer.complete(transfer.outcome(code))
        }
    }

    /// Removes a transfer from the multi handle and the books; the transfer frees its easy handle when released.
    private func detach(_ easy: UnsafeMutableRawPointer, _ multi: UnsafeMutableRawPointer) -> CurlTransfer? {
        guard let transfer = active.removeValue(forKey: easy) else { return nil }
        // Removal fails only for a handle not in this multi handle, which the books above rule out.
        let removed = curl_multi_remove_handle(multi, easy)
        assert(removed == CURLM_OK, "curl_multi_remove_handle: \(removed)")
        activeByID[transfer.id] = nil
        if let host = hostOf.removeValue(forKey: transfer.id) {
            activePerHost[host, default: 1] -= 1
            if activePerHost[host] == 0 { activePerHost[host] = nil }
        }
        return transfer
    }

    private func applyCancels(_ ids: Set<UInt64>, _ multi: UnsafeMutableRawPointer) {
        var handled: [UInt64] = []
        for id in ids {
            if let easy = activeByID[id], let transfer = detach(easy, multi) {
                transfer.complete(.failed(FetchError(.cancelled, "the fetch was cancelled")))
                handled.append(id)
            } else if let fetch = waiting.remove(id: id) {
                fetch.continuation.resume(returning: .failed(FetchError(.cancelled, "the fetch was cancelled")))
                handled.append(id)
            }
        }
        // Ids not found stay: their fetch has not been submitted yet, and `submit` will see them.
        lock.withLock { for id in handled { cancelRequests.remove(id) } }
    }

    private func failAll(_ multi: UnsafeMutableRawPointer, _ error: FetchError) {
        for easy in Array(active.keys) {
            detach(easy, multi)?.complete(.failed(error))
        }
        for fetch in waiting.removeAll() {
            fetch.continuation.resume(returning: .failed(error))
        }
    }
}
