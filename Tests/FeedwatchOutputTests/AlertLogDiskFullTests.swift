import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertLogDiskFullTests {
    /// With the disk full part-way through a batch, `append` throws a disk-full error and leaves
    /// the log as it was; once space returns, the same batch goes in whole, each alert once.
    @Test(.enabled(if: TmpfsMount.mayMount)) func aFullDiskFailsTheWholeBatchAndLosesNothing() throws {
        guard let mount = TmpfsMount.mount(kilobytes: 64) else { return }  // not allowed here: nothing to test
        let path = mount.path + "/alerts.jsonl"
        let log = try AlertLog(path: path)
        let first = Fixture.alert(item: "first")
        try log.append([first])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let filler = mount.fill()
        // The log's last page has room for a few lines, not for twenty: the batch breaks mid-line.
        let batch = (1...20).map { Fixture.alert(item: "batch-\($0)", title: String(repeating: "Kirkuk ", count: 40)) }
        #expect {
            try log.append(batch)
        } throws: { error in
            (error as? AlertLogError)?.isDiskFull == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        try FileManager.default.removeItem(atPath: filler)
        #expect(try log.append(batch).count == batch.count)
        #expect(try log.append([first] + batch).isEmpty)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.compactMap(AlertLine.decode).map(\.item.id) == ["first"] + batch.map(\.item.id))
    }
}
