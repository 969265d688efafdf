import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide set-up libcurl needs, done once before the first handle.
enum CurlGlobal {
    /// True when `curl_global_init` succeeded. Also ignores SIGPIPE: with CURLOPT_NOSIGNAL (required with threads)
    /// curl no longer guards against it, and a peer closing mid-write would kill the process.
    static let ready: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return feedwatch_curl_global_init() == CURLE_OK
    }()
}
