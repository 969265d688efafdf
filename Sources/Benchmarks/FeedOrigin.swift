import FeedwatchTesting
import Foundation

/// Where the end-to-end cycles fetch from: the corpus server (default: many loopback hosts,
/// built for volume) or the test suite's `LoopbackHTTPServer` (one host, 127.0.0.1).
protocol FeedOrigin: AnyObject {
    /// Serves the feed, or replaces it with a new version (new ETag and Last-Modified).
    func publish(_ feed: GeneratedFeed, _ document: CorpusServer.Document)
    func url(of path: String, index: Int) -> String
    /// What was answered since the last call.
    func takeCounts() -> CorpusServer.Counts
}

extension CorpusServer: FeedOrigin {
    func publish(_ feed: GeneratedFeed, _ document: Document) { publish(feed.path, document) }
}

/// FeedwatchTesting's `LoopbackHTTPServer` with its `serveFeeds`/`change` validators. It does not
/// count answers, so the counts come from its request record: a conditional request whose
/// validator matches what was being served is a 304.
final class TestingServerOrigin: FeedOrigin {
    private let server: LoopbackHTTPServer
    private var seen = 0
    private var served: Set<String> = []

    init() throws { server = try LoopbackHTTPServer() }

    func publish(_ feed: GeneratedFeed, _ document: CorpusServer.Document) {
        if served.insert(feed.path).inserted {
            server.serveFeed(feed.path, body: feed.bytes, contentType: document.contentType)
        } else {
            server.change(path: feed.path, body: feed.bytes)
        }
    }

    func url(of path: String, index: Int) -> String { server.url(path) }

    func takeCounts() -> CorpusServer.Counts {
        let requests = server.requests
        var counts = CorpusServer.Counts()
        for request in requests[min(seen, requests.count)...] {
            guard let current = server.validators(path: request.path) else {
                counts.notFound += 1
                continue
            }
            let unchanged =
                if let tags = request.header("if-none-match") {
                    tags.contains(current.etag)
                } else {
                    request.header("if-modified-since") == current.lastModified
                }
            if unchanged { counts.notModified += 1 } else { counts.ok += 1 }
            if request.connectionRequestIndex == 0 { counts.connections += 1 }
        }
        seen = requests.count
        return counts
    }
}
