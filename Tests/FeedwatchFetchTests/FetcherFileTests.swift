import FeedwatchFetch
import Foundation
import Testing

@Suite("Fetching a feed configured with a file:// URL")
struct FetcherFileTests {
    @Test func anExistingFileIsReadWithItsModificationTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.xml")
        try Data(sampleFeed).write(to: file)
        let fetcher = Fetcher(limits: quickLimits)

        let first = try #require(await fetcher.fetch(FetchRequest(url: file.absoluteString)).response)
        #expect(first.body == sampleFeed)
        let stamp = try #require(first.lastModified)

        // Unchanged since the stored time: the cheap path, nothing to parse.
        let second = await fetcher.fetch(FetchRequest(url: file.absoluteString, lastModified: stamp))
        #expect(second.unchanged != nil)
    }

    @Test func aMissingFileIsAFileError() async throws {
        let fetcher = Fetcher(limits: quickLimits)

        let outcome = await fetcher.fetch(FetchRequest(url: "file:///nonexistent/feedwatch/\(UUID().uuidString).xml"))

        #expect(outcome.error?.kind == .file)
    }

    @Test(arguments: ["ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/feed", "dict://127.0.0.1/x", "feed.xml"])
    func anUnsupportedSchemeIsRefusedWithoutAConnection(url: String) async throws {
        let fetcher = Fetcher(limits: quickLimits)

        let outcome = await fetcher.fetch(FetchRequest(url: url))

        #expect(outcome.error?.kind == .unsupported)
    }
}
