import CCurl
import Foundation

extension CurlTransfer {
    /// Sets every option on the easy handle; throws the first option curl refuses.
    func configure() throws(FetchError) {
        guard let easy else { throw FetchError(.other, "curl_easy_init failed") }
        let isFile = scheme == "file"
        guard isFile || scheme == "http" || scheme == "https" else {
            throw FetchError(
                .unsupported, "only http, https and file URLs are fetched, not \(scheme.isEmpty ? "this" : scheme):")
        }
        let me = Unmanaged.passUnretained(self).toOpaque()

        try check(feedwatch_curl_easy_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(feedwatch_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(
            feedwatch_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, CurlCallbacks.write), "WRITEFUNCTION")
        try check(feedwatch_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "WRITEDATA")
        try check(
            feedwatch_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, CurlCallbacks.header),
            "HEADERFUNCTION")
        try check(feedwatch_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "HEADERDATA")

        // Limits: curl 7.88 has no total timeout, no redirect cap and no decoded-size cap by default (FACTS.md).
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(limits.connectTimeout)),
            "CONNECTTIMEOUT")
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds(limits.totalTimeout)), "TIMEOUT")
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, max(1, limits.lowSpeedBytes)),
            "LOW_SPEED_LIMIT")
        try check(
            feedwatch_curl_easy_setopt_long(
                easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedTime.rounded(.up)))), "LOW_SPEED_TIME")
        // Rejects early when Content-Length already says too much; chunked and compressed bodies are caught in
        // the write callback.
        try check(
            feedwatch_curl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)),
            "MAXFILESIZE")

        if isFile {
            // file:// only for a feed configured with it, and never as a way to go elsewhere.
            try check(feedwatch_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "file"), "PROTOCOLS_STR")
            try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0), "FOLLOWLOCATION")
            try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_FILETIME, 1), "FILETIME")
            return
        }

        try check(feedwatch_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        try check(
            feedwatch_curl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, limits.maxRedirects > 0 ? 1 : 0),
            "FOLLOWLOCATION")
        try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, limits.maxRedirects)), "MAXREDIRS")
        try check(feedwatch_curl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)), "HTTP_VERSION")
        if scheme == "https" {
            // Wait for a multiplexable HTTP/2 connection rather than opening a second one to the same host. Not
            // for http: there it only makes every transfer wait behind the first one's response.
            try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1), "PIPEWAIT")
        }
        try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1), "SSL_VERIFYPEER")
        try check(feedwatch_curl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2), "SSL_VERIFYHOST")
        try check(
            feedwatch_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, Self.headerSafe(limits.userAgent)), "USERAGENT")
        if let proxy = limits.proxy, !proxy.isEmpty {
            try check(feedwatch_curl_easy_setopt_string(easy, CURLOPT_PROXY, proxy), "PROXY")
        }
        // A proxy's "200 Connection established" is not a hop of the feed's redirect chain.
        try check(
            feedwatch_curl_easy_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1), "SUPPRESS_CONNECT_HEADERS")

        var list: UnsafeMutablePointer<curl_slist>?
        if let etag = request.etag.map(Self.headerSafe), !etag.isEmpty {
            list = curl_slist_append(list, "If-None-Match: \(etag)")
        }
        if let since = request.lastModified.map(Self.headerSafe), !since.isEmpty {
            list = curl_slist_append(list, "If-Modified-Since: \(since)")
        }
        if let list {
            headerList = list
            try check(feedwatch_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "HTTPHEADER")
        }
    }

    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code == CURLE_OK else {
            let kind: FetchError.Kind = code == CURLE_UNSUPPORTED_PROTOCOL ? .unsupported : .other
            throw FetchError(kind, "curl refused option \(option): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func milliseconds(_ seconds: TimeInterval) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }

    /// Stored validators come from servers: never let one smuggle a line break into our request.
    static func headerSafe(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return value }
        return String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
    }
}
