import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import FeedwatchParse
import Foundation

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a feed as feedwatch parses it.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A feed file or URL.")
    var source: String

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "The charset an HTTP server would send with the file (overrides the XML declaration).")
    var charset: String?

    @Option(help: "The URL the document was fetched from, to resolve relative links (default: the file's URL).")
    var url: String?

    func run() async throws {
        // Local files are read directly; URLs go through the daemon's own libcurl engine and limits.
        let document: DocumentSource
        do {
            document = try await DocumentSource.load(source)
        } catch {
            Self.printError("feedwatch parse: \(error)")
            throw error.notFound ? Exit.noInput : Exit.unavailable
        }
        let path = source
        let bytes = document.bytes
        let baseURL = url ?? document.url
        let charset = self.charset ?? document.charset
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(bytes, url: baseURL, charset: charset)
        } catch {
            Self.printError("feedwatch parse: \(path): \(error)")
            throw Exit.dataError
        }
        if json {
            print(feed.contractJSON(pretty: true))
        } else {
            print(Self.readable(feed), terminator: "")
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message.sanitized + "\n").utf8))
    }

    /// Feed title and format, then one block per item: date, title, link, a one-line summary.
    static func readable(_ feed: ParsedFeed) -> String {
        let dates = ISO8601DateFormatter()
        var out = "\(feed.title?.sanitized ?? "(untitled)")  [\(feed.format.rawValue)]"
        if feed.partial { out += "  (partial)" }
        out += "\n"
        if let link = feed.link { out += "\(link.sanitized)\n" }
        for warning in feed.warnings { out += "warning: \(warning.sanitized)\n" }
        out += "\n"
        for item in feed.items {
            let date = (item.published ?? item.updated).map { dates.string(from: $0) } ?? "(no date)"
            out += "\(date)  \(item.title?.sanitized ?? "(no title)")\n"
            if let link = item.link { out += "    \(link.sanitized)\n" }
            if let summary = (item.summary ?? item.content)?.sanitized, !summary.isEmpty {
                let line = summary.count > 160 ? String(summary.prefix(159)) + "…" : summary
                out += "    \(line)\n"
            }
        }
        return out
    }
}
