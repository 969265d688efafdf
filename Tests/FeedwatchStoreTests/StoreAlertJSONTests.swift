import FeedwatchModel
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchStore

@Suite struct StoreAlertJSONTests {
    static let alerts: [Alert] = {
        var full = Fixture.alert(
            title: "Peshmerga \"hold\" \\ Kirkuk / كركوك\t",
            at: Date(timeIntervalSinceReferenceDate: 498_712_320.123_456))
        full.snippet = "line\nbreak \u{7F} \u{202E}"
        var sparse = Fixture.alert(item: "sparse")
        sparse.item.title = nil
        sparse.item.link = nil
        sparse.item.published = nil
        sparse.matches = []
        return [full, sparse]
    }()

    /// Rows written by hand and rows written by `JSONEncoder` (the first schema's writer) hold the
    /// same document, so either reads back as the same alert.
    @Test(arguments: alerts)
    func theHandWrittenColumnIsTheDocumentJSONEncoderWrites(alert: Alert) throws {
        let handWritten = Store.json(of: alert)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(alert)
        #expect(try JSONDecoder().decode(Alert.self, from: Data(handWritten.utf8)) == alert)
        let mine = try #require(try JSONSerialization.jsonObject(with: Data(handWritten.utf8)) as? NSDictionary)
        let theirs = try #require(try JSONSerialization.jsonObject(with: encoded) as? NSDictionary)
        #expect(Set(mine.allKeys.compactMap { $0 as? String }) == Set(theirs.allKeys.compactMap { $0 as? String }))
        // JSONEncoder leaves out nil keys where the column writes null.
        let myItem = try #require(mine["item"] as? [String: Any]).filter { !($0.value is NSNull) }
        #expect(NSDictionary(dictionary: myItem) == theirs["item"] as? NSDictionary)
        #expect(mine["timestamp"] as? Double == theirs["timestamp"] as? Double)
        #expect(mine["matches"] as? NSArray == theirs["matches"] as? NSArray)
        #expect(mine["snippet"] as? String == theirs["snippet"] as? String)
    }
}
