/// A fetch waiting for the engine thread: what to fetch and whom to answer.
struct PendingFetch {
    let id: UInt64
    let request: FetchRequest
    let continuation: CheckedContinuation<FetchOutcome, Never>
    var observer: (any BodyObserver)?

    /// The key the per-host cap counts by: scheme, host and port as written in the URL.
    /// Read from the UTF-8 bytes (the engine thread asks for it twice per fetch).
    var hostKey: String {
        let url = request.url.utf8
        guard let separator = url.indices.first(where: { url[$0...].starts(with: "://".utf8) }) else {
            return request.url
        }
        let authority = url.index(separator, offsetBy: 3)
        let end = url[authority...].firstIndex {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
        }
        return String(Substring(url[..<(end ?? url.endIndex)])).lowercased()
    }
}

/// Fetches waiting for a slot, one FIFO queue per host, served round-robin across hosts so one large host does
/// not starve the others.
struct HostQueues {
    private var queues: [String: [PendingFetch]] = [:]
    private var heads: [String: Int] = [:]
    /// Hosts with something waiting, in round-robin order.
    private var ring: [String] = []
    private var cursor = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func push(_ fetch: PendingFetch) {
        let host = fetch.hostKey
        if queues[host] == nil {
            queues[host] = []
            heads[host] = 0
            ring.append(host)
        }
        queues[host, default: []].append(fetch)
        count += 1
    }

    /// The next fetch whose host `canStart` allows, taking hosts in turn.
    mutating func next(canStart: (String) -> Bool) -> PendingFetch? {
        var visited = 0
        while visited < ring.count {
            if cursor >= ring.count { cursor = 0 }
            let host = ring[cursor]
            if canStart(host), let fetch = pop(host) {
                if queues[host] != nil { cursor += 1 }  // else pop removed it and the next host slid into place
                return fetch
            }
            cursor += 1
            visited += 1
        }
        return nil
    }

    /// Removes and returns a waiting fetch by id.
    mutating func remove(id: UInt64) -> PendingFetch? {
        for (host, queue) in queues {
            let head = heads[host] ?? 0
            guard let index = queue[head...].firstIndex(where: { $0.id == id }) else { continue }
            let fetch = queue[index]
            queues[host]?.remove(at: index)
            count -= 1
            if (queues[host]?.count ?? 0) <= head { drop(host) }
            return fetch
        }
        return nil
    }

    mutating func removeAll() -> [PendingFetch] {
        var all: [PendingFetch] = []
        for (host, queue) in queues { all += queue[(heads[host] ?? 0)...] }
        queues = [:]
        heads = [:]
        ring = []
        count = 0
        return all
    }

    private mutating func pop(_ host: String) -> PendingFetch? {
        // Read and mutate through the dictionary in place: copying a 10,000-entry queue per pop would be quadratic.
        guard var head = heads[host], let length = queues[host]?.count, head < length,
            let fetch = queues[host]?[head]
        else { return nil }
        head += 1
        count -= 1
        if head >= length {
            drop(host)
            return fetch
        }
        if head > 64, head * 2 > length {  // compact now and then, so pops stay O(1) amortised
            queues[host]?.removeFirst(head)
            head = 0
        }
        heads[host] = head
        return fetch
    }

    private mutating func drop(_ host: String) {
        queues[host] = nil
        heads[host] = nil
        if let index = ring.firstIndex(of: host) {
            ring.remove(at: index)
            if index < cursor { cursor -= 1 }
        }
    }
}
