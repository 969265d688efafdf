import CCurl
import Foundation

/// One transfer: its easy handle, and what the callbacks have gathered so far. Owned by the engine thread;
/// only that thread touches it while the transfer runs. Frees the easy handle and header list in deinit.
final class CurlTransfer {
    let id: UInt64
    let request: FetchRequest
    let limits: FetchLimits
    /// The request URL's scheme, lower-cased (`http`, `https`, `file`).
    let scheme: String
    var continuation: CheckedContinuation<FetchOutcome, Never>?
    private(set) var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>
    let started = DispatchTime.now()

    var body: [UInt8] = []
    var bodyTooLarge = false
    /// Sees the body as it arrives; told when each response body starts.
    var observer: (any BodyObserver)?
    private var observedBodyStarted = false
    var headerBytes = 0
    var headersTooLarge = false
    /// One entry per response head received (redirect hops, and any 1xx interim responses).
    var heads: [ResponseHead] = []

    init(id: UInt64, request: FetchRequest, limits: FetchLimits, continuation: CheckedContinuation<FetchOutcome, Never>)
    {
        self.id = id
        self.request = request
        self.limits = limits
        self.continuation = continuation
        scheme = request.url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        easy = curl_easy_init()
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// Resumes the caller exactly once.
    func complete(_ outcome: FetchOutcome) {
        continuation?.resume(returning: outcome)
        continuation = nil
    }

    /// curl's own description of the last error, or "" when it left none.
    var curlErrorText: String { String(cString: errorBuffer) }

    // MARK: Callbacks (called on the engine thread, from inside curl_multi_perform)

    /// Appends body bytes (already decoded when the server compressed them); refuses them past the cap, which
    /// makes curl abort the transfer with CURLE_WRITE_ERROR.
    func receiveBody(_ data: UnsafeRawBufferPointer) -> Int {
        if body.count + data.count > limits.maxBodyBytes {
            bodyTooLarge = true
            return 0
        }
        body.append(contentsOf: data)
        if let observer {
            if !observedBodyStarted {
                observedBodyStarted = true
                observer.bodyStarts(
                    status: heads.last?.status ?? 200, url: currentURL, contentType: heads.last?["content-type"])
            }
            body.withUnsafeBytes { observer.bodyReceived($0, newFrom: $0.count - data.count) }
        }
        return data.count
    }

    /// The URL the transfer is at now (after the redirects so far).
    private var currentURL: String {
        var effective: UnsafeMutablePointer<CChar>?
        guard let easy, feedwatch_curl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK,
            let effective
        else { return request.url }
        return String(cString: effective)
    }

    /// Records one header line: a status line starts a new response head.
    func receiveHeader(_ data: UnsafeRawBufferPointer) -> Int {
        headerBytes += data.count
        if headerBytes > limits.maxHeaderBytes {
            headersTooLarge = true
            return 0
        }
        if let status = HeaderLine.status(data) {
            heads.append(ResponseHead(status: status))
            // A new hop: a redirect's body (if curl delivered any) is not the feed.
            body.removeAll(keepingCapacity: true)
            observedBodyStarted = false
        } else if !heads.isEmpty, let (name, value) = HeaderLine.field(data) {
            heads[heads.count - 1].headers[name] = value
            // Grow the body once, not by doubling through a 10 MB feed.
            if name == "content-length", let length = Int(value), length > 0 {
                body.reserveCapacity(min(length, limits.maxBodyBytes))
            }
        }
        return data.count
    }
}

/// C entry points: recover the transfer from the userdata pointer set in `configure`.
enum CurlCallbacks {
    static let write: feedwatch_curl_data_callback = { pointer, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: pointer, count: size * count))
    }

    static let header: feedwatch_curl_data_callback = { pointer, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.receiveHeader(UnsafeRawBufferPointer(start: pointer, count: size * count))
    }
}
