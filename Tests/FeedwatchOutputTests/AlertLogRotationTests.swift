import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertLogRotationTests {
    let directory = TemporaryDirectory()

    /// logrotate's `create` + a reopen signal, many times while alerts are being written: every
    /// alert lands in exactly one of the files, every line parses, and a follower sees each once.
    @Test func rotatingUnderLoadLosesAndDoublesNothing() async throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        let total = 600
        let alerts = (0..<total).map { Fixture.alert(item: "item-\($0)") }
        let followed = Collected()
        // From the file's first line, not its end (`follow` starts like `tail -f`): the task may
        // first run after the writer's first batches, which it would then never see.
        let follower = Task {
            try await AlertLogFollower(path: path, pollInterval: .milliseconds(5)).follow(last: total) { line in
                if let alert = AlertLine.decode(line) { followed.add(alert.item.id) }
                return followed.snapshot.count < total
            }
        }
        let written = Collected()
        // The writer and the rotator block (fsync, sleeps) on threads of their own: the follower
        // polls on the cooperative pool, which a blocking task would take from it.
        async let writer: Void = Self.onThread {
            for start in stride(from: 0, to: total, by: 4) {
                let batch = Array(alerts[start..<min(start + 4, total)])
                try log.append(batch)
                for alert in batch { written.add(alert.item.id) }
            }
        }
        async let rotator = Self.onThread {
            var count = 0
            for generation in 1...12 {
                // Like `tail -F`, a follower can only see a generation that lived until its next poll:
                // one moved away unseen is gone for it. So each rotation (every 120 ms, far faster than
                // logrotate ever does) waits, bounded, until the follower has read what was written
                // so far — on a loaded machine a poll can come late — while the writer goes on.
                usleep(120_000)
                let deadline = Date().addingTimeInterval(5)
                while followed.snapshot.count < written.snapshot.count, Date() < deadline { usleep(5_000) }
                // As logrotate does with `create`: move the file, create the new one, then signal.
                try FileManager.default.moveItem(atPath: path, toPath: "\(path).\(generation)")
                guard FileManager.default.createFile(atPath: path, contents: nil) else { return count }
                try log.reopen()
                count += 1
            }
            return count
        }
        try await writer
        #expect(try await rotator == 12)

        var logged: [String] = []
        for file in [path] + (1...12).map({ "\(path).\($0)" }) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let alert = try #require(AlertLine.decode(line), "unparseable line in \(file)")
                logged.append(alert.item.id)
            }
        }
        #expect(logged.count == total)
        #expect(Set(logged) == Set(alerts.map(\.item.id)))

        let deadline = ContinuousClock.now + .seconds(20)
        while followed.snapshot.count < total, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        follower.cancel()
        try await follower.value
        #expect(followed.snapshot.count == total)
        #expect(Set(followed.snapshot).count == total)
    }

    /// Runs `body` on a thread of its own and waits for it without holding a cooperative thread.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
