import FeedwatchFetch
import FeedwatchTesting
import Foundation

/// Small limits so that misbehaving-server tests end in about a second.
let quickLimits: FetchLimits = {
    var limits = FetchLimits()
    limits.connectTimeout = 2
    limits.totalTimeout = 5
    limits.lowSpeedBytes = 1
    limits.lowSpeedTime = 1
    limits.userAgent = "feedwatch-tests/1.0 (+https://example.invalid/feedwatch)"
    return limits
}()

let sampleFeed = Array(
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Kirkuk news</title>
    <item><title>Peshmerga and PMF meet in Kirkuk</title><guid>1</guid></item>
    </channel></rss>
    """.utf8)

extension FetchOutcome {
    var response: FetchResponse? {
        if case .fetched(let response) = self { return response }
        return nil
    }

    var unchanged: FetchResponse? {
        if case .notModified(let response) = self { return response }
        return nil
    }

    var error: FetchError? {
        if case .failed(let error) = self { return error }
        return nil
    }
}
