import CCurl
import Foundation

extension CurlTransfer {
    /// Turns curl's result and what the callbacks gathered into the caller's outcome.
    func outcome(_ code: CURLcode, now: Date = Date()) -> FetchOutcome {
        let duration = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        guard code == CURLE_OK else { return .failed(failure(code)) }
        guard let easy else { return .failed(FetchError(.other, "transfer has no handle")) }

        var status = 0
        let got = feedwatch_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        guard got == CURLE_OK else {
            return .failed(FetchError(.other, "no response code: \(String(cString: curl_easy_strerror(got)))"))
        }
        var effective: UnsafeMutablePointer<CChar>?
        let effectiveURL =
            feedwatch_curl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK
            ? effective.map { String(cString: $0) } ?? request.url : request.url

        if scheme == "file" { return fileOutcome(easy, effectiveURL: effectiveURL, duration: duration) }

        let final = finalHead ?? ResponseHead(status: status)
        var response = FetchResponse(
            status: status, etag: final["etag"], lastModified: final["last-modified"],
            contentType: final["content-type"], effectiveURL: effectiveURL,
            permanentRedirect: permanentRedirectTarget(), freshFor: final.freshFor(now: now), duration: duration)

        switch status {
        case 304:
            // A 304 may omit the validators; the ones we sent still hold.
            response.etag = response.etag ?? request.etag
            response.lastModified = response.lastModified ?? request.lastModified
            return .notModified(response)
        case 200..<300:
            response.body = body
            return .fetched(response)
        default:
            return .failed(httpFailure(status: status, head: final, now: now))
        }
    }

    /// The last final (non-1xx) response head: the one that answered the last hop.
    private var finalHead: ResponseHead? {
        heads.last { $0.status >= 200 }
    }

    /// The address a leading run of permanent redirects (301, 308) led to, if the chain began with one: the URL to
    /// store instead of the configured one. A temporary hop ends the run: what follows it may change.
    func permanentRedirectTarget() -> String? {
        guard heads.contains(where: { $0.status == 301 || $0.status == 308 }) else { return nil }
        var current = URL(string: request.url)
        var target: String?
        for head in heads where head.status >= 200 {
            guard [301, 308].contains(head.status), let location = head["location"], let base = current,
                let next = URL(string: location, relativeTo: base)?.absoluteURL
            else { break }
            target = next.absoluteString
            current = next
        }
        return target
    }

    private func fileOutcome(_ easy: UnsafeMutableRawPointer, effectiveURL: String, duration: TimeInterval)
        -> FetchOutcome
    {
        var fileTime: curl_off_t = -1
        var lastModified: String?
        if feedwatch_curl_easy_getinfo_off(easy, CURLINFO_FILETIME_T, &fileTime) == CURLE_OK, fileTime >= 0 {
            lastModified = HTTPDate.string(from: Date(timeIntervalSince1970: TimeInterval(fileTime)))
        }
        let response = FetchResponse(
            status: 200, body: body, lastModified: lastModified, effectiveURL: effectiveURL, duration: duration)
        // A file unchanged since the stored modification time needs no parsing: the same cheap path as a 304.
        if let lastModified, lastModified == request.lastModified {
            var unchanged = response
            unchanged.status = 304
            unchanged.body = []
            return .notModified(unchanged)
        }
        return .fetched(response)
    }

    /// Classifies an HTTP error status (RFC 9110 §15), reading the body only to tell a bot wall from an error.
    func httpFailure(status: Int, head: ResponseHead, now: Date) -> FetchError {
        let retryAfter = head.retryAfter(now: now)
        if status == 403 || status == 503 || status == 429,
            let marker = BotWall.marker(head: head, body: body)
        {
            return FetchError(
                .botWall, "HTTP \(status) with a bot-challenge page (\(marker))", status: status, retryAfter: retryAfter
            )
        }
        switch status {
        case 410:
            return FetchError(.gone, "HTTP 410 Gone: the publisher removed this feed", status: status)
        case 429:
            return FetchError(.rateLimited, "HTTP 429 Too Many Requests", status: status, retryAfter: retryAfter)
        case 300..<400:
            return FetchError(.redirect, "HTTP \(status) without a usable Location", status: status)
        default:
            return FetchError(.httpStatus, "HTTP \(status)", status: status, retryAfter: retryAfter)
        }
    }

    /// Classifies a transfer curl ended with an error.
    func failure(_ code: CURLcode) -> FetchError {
        let detail = curlErrorText.isEmpty ? String(cString: curl_easy_strerror(code)) : curlErrorText
        if bodyTooLarge {
            return FetchError(.tooLarge, "the decoded body exceeds \(limits.maxBodyBytes) bytes")
        }
        if headersTooLarge {
            return FetchError(.tooLarge, "the response headers exceed \(limits.maxHeaderBytes) bytes")
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return FetchError(.dns, detail)
        case CURLE_COULDNT_CONNECT:
            return FetchError(.connect, detail)
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(.timeout, detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED:
            return FetchError(.tls, detail)
        case CURLE_FILESIZE_EXCEEDED:
            return FetchError(.tooLarge, "the body exceeds \(limits.maxBodyBytes) bytes (Content-Length)")
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(.redirect, "more than \(limits.maxRedirects) redirects")
        case CURLE_UNSUPPORTED_PROTOCOL:
            if heads.contains(where: { (300..<400).contains($0.status) }) {
                return FetchError(.redirect, "redirected to a protocol other than http or https: \(detail)")
            }
            // Schemes are checked before curl sees the URL, so this is curl refusing the reply itself
            // ("Received HTTP/0.9 when not allowed"): the server did not speak HTTP.
            return FetchError(.protocolError, "the reply is not HTTP: \(detail)")
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_READ_ERROR:
            return FetchError(.file, detail)
        case CURLE_WEIRD_SERVER_REPLY, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
            CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return FetchError(.protocolError, detail)
        case CURLE_URL_MALFORMAT:
            return FetchError(.unsupported, detail)
        default:
            return FetchError(.other, detail)
        }
    }
}
