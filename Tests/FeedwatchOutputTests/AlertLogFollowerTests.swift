import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertLogFollowerTests {
    let directory = TemporaryDirectory()

    private func write(_ text: String, to path: String, append: Bool = true) throws {
        if append, let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        } else {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test(arguments: [(0, [String]()), (2, ["b", "c"]), (3, ["a", "b", "c"]), (10, ["a", "b", "c"])])
    func theLastLinesAreTheWholeLinesAtTheEnd(count: Int, expected: [String]) throws {
        let path = directory.file("alerts.jsonl")
        try write("a\nb\nc\npartial", to: path)
        #expect(try AlertLogFollower(path: path).lines(last: count) == expected)
    }

    @Test func aMissingLogHasNoLines() throws {
        #expect(try AlertLogFollower(path: directory.file("none.jsonl")).lines(last: 5).isEmpty)
    }

    @Test func followingHandsOutTheLastLinesThenNewOnesAcrossARotation() async throws {
        let path = directory.file("alerts.jsonl")
        try write("old-1\nold-2\n", to: path)
        let collected = Collected()
        let follower = AlertLogFollower(path: path, pollInterval: .milliseconds(20))
        let task = Task {
            try await follower.follow(last: 1) { line in
                collected.add(line)
                return line != "stop"
            }
        }
        #expect(await collected.wait(for: 1) == ["old-2"])
        try write("new-1\nhalf", to: path)
        #expect(await collected.wait(for: 2) == ["old-2", "new-1"])
        try write("-done\n", to: path)
        #expect(await collected.wait(for: 3) == ["old-2", "new-1", "half-done"])

        // logrotate: move the file away, the writer appends a last line to it, then a new file appears.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try write("late\n", to: path + ".1")
        try write("rotated-1\nstop\n", to: path, append: false)
        try await task.value
        #expect(collected.snapshot == ["old-2", "new-1", "half-done", "late", "rotated-1", "stop"])
    }

    @Test func followingWaitsForALogThatDoesNotExistYetAndStopsWhenCancelled() async throws {
        let path = directory.file("later.jsonl")
        let collected = Collected()
        let follower = AlertLogFollower(path: path, pollInterval: .milliseconds(20))
        let task = Task {
            try await follower.follow(last: 10) { line in
                collected.add(line)
                return true
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        try write("first\nsecond\n", to: path)
        #expect(await collected.wait(for: 2) == ["first", "second"])
        task.cancel()
        try await task.value
    }

    @Test func aTruncatedLogIsFollowedFromItsNewEnd() async throws {
        let path = directory.file("alerts.jsonl")
        try write("one\ntwo\n", to: path)
        let collected = Collected()
        let follower = AlertLogFollower(path: path, pollInterval: .milliseconds(20))
        let task = Task {
            try await follower.follow(last: 0) { line in
                collected.add(line)
                return line != "after"
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        try await Task.sleep(for: .milliseconds(100))
        try write("after\n", to: path)
        try await task.value
        #expect(collected.snapshot == ["after"])
    }

    @Test func alertsWrittenByTheLogAreFollowedAndFiltered() async throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        let filter = AlertFilter(places: ["mosul"], minSeverity: .medium)
        let collected = Collected()
        let task = Task {
            try await AlertLogFollower(path: path, pollInterval: .milliseconds(20)).follow { line in
                if let alert = filter.alert(onLine: line) { collected.add(alert.item.id) }
                return collected.snapshot.count < 2
            }
        }
        try await Task.sleep(for: .milliseconds(60))
        try log.append([
            Fixture.alert(item: "kirkuk-high"),
            Fixture.alert(item: "mosul-high", entities: [(.place, "mosul", "Mosul")]),
            Fixture.alert(item: "mosul-low", severity: .low, entities: [(.place, "mosul", "Mosul")]),
            Fixture.alert(item: "mosul-medium", severity: .medium, entities: [(.place, "mosul", "Mosul")]),
        ])
        try await task.value
        #expect(collected.snapshot == ["mosul-high", "mosul-medium"])
    }
}
