import FeedwatchFetch
import Foundation

/// A feed document named on the command line: a path, a file:// URL or an http(s) URL.
public struct DocumentSource: Sendable {
    public var bytes: [UInt8]
    /// The URL to resolve relative links against.
    public var url: String
    public var charset: String?

    /// Reads a local file directly, or fetches a URL through the same libcurl engine the daemon uses.
    public static func load(_ source: String, limits: FetchLimits = FetchLimits()) async throws(DocumentSourceError)
        -> DocumentSource
    {
        let lower = source.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            let path = lower.hasPrefix("file://") ? (URL(string: source)?.path ?? source) : source
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DocumentSourceError(
                    message: "\(path): cannot read this file (missing or not readable)", notFound: true)
            }
            return DocumentSource(bytes: Array(data), url: URL(fileURLWithPath: path).absoluteString, charset: nil)
        }
        let fetcher = Fetcher(limits: limits)
        defer { fetcher.shutdown() }
        switch await fetcher.fetch(FetchRequest(url: source)) {
        case .fetched(let response), .notModified(let response):
            return DocumentSource(bytes: response.body, url: response.effectiveURL, charset: response.charset)
        case .failed(let error):
            throw DocumentSourceError(message: "\(source): \(error)", notFound: false)
        }
    }
}

public struct DocumentSourceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// True for a missing local file (exit 66), false for a failed fetch (exit 69).
    public var notFound: Bool

    public var description: String { message }
}
