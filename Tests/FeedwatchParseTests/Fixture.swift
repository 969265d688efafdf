import FeedwatchModel
import FeedwatchParse
import Foundation

/// Fixture files of this test target (copied as a resource folder).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = Bundle.module.bundleURL.appendingPathComponent("Fixtures").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    static func parse(_ name: String, url: String? = nil) throws -> ParsedFeed {
        try FeedParser.parse(bytes(name), url: url)
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// "2024-03-05T05:30:00Z" as a Date, for expectations.
func utc(_ text: String) -> Date? { FeedDate.parse(text) }
