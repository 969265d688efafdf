import FeedwatchModel
import FeedwatchStore
import FeedwatchTesting
import Foundation

/// A fresh directory under the system temp dir, removed when the value goes.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "feedwatch-store-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

extension Fixture {
    static func seen(_ id: String, hash: String = "h1") -> SeenItem {
        SeenItem(itemID: id, contentHash: hash, published: epoch)
    }
}
