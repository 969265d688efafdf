import FeedwatchDaemon
import FeedwatchModel
import Foundation
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Operational log lines")
struct LogFormatTests {
    /// 2026-11-25T01:02:03.456Z
    let time = UTCTimestamp(microsecondsSinceEpoch: 1_795_568_523_456_789)

    @Test(
        "Under the journal each line starts with the syslog priority of its level",
        arguments: [
            (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"),
            (.error, "<3>"), (.critical, "<2>"),
        ])
    func journalPrefixes(level: Logger.Level, prefix: String) {
        let line = LogLine.render(format: .journal, level: level, message: "cycle done", metadata: [:], time: time)
        #expect(line == prefix + "cycle done\n")
    }

    @Test("Plain lines carry an RFC 3339 UTC timestamp, the level, the message and sorted key=value pairs")
    func plainLine() {
        let line = LogLine.render(
            format: .plain, level: .warning, message: "fetch failed",
            metadata: ["url": "https://example.org/feed", "feed": "rudaw", "error": "timed out after 30 s"], time: time)
        #expect(
            line
                == "2026-11-25T01:02:03.456Z WARN   fetch failed error=\"timed out after 30 s\" feed=rudaw url=https://example.org/feed\n"
        )
    }

    @Test("Feed text in messages and metadata can neither break the line nor act on a terminal")
    func sanitized() {
        let line = LogLine.render(
            format: .journal, level: .info, message: "title: a\nb\u{1B}[2J",
            metadata: ["title": "x\"y\u{202E}z"], time: time)
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(line.hasPrefix("<6>title: a b"))
        #expect(line.hasSuffix("title=\"x\\\"y\u{FFFD}z\"\n"))
    }

    @Test("JOURNAL_STREAM selects journal format only while stderr is still that stream")
    func detection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-journal-\(UUID().uuidString)").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        var info = stat()
        try #require(fstat(descriptor, &info) == 0)
        let matching = "\(info.st_dev):\(info.st_ino)"
        #expect(LogFormat.detect(environment: ["JOURNAL_STREAM": matching], descriptor: descriptor) == .journal)
        #expect(
            LogFormat.detect(
                environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino + 1)"], descriptor: descriptor) == .plain)
        #expect(LogFormat.detect(environment: ["JOURNAL_STREAM": "garbage"], descriptor: descriptor) == .plain)
        #expect(LogFormat.detect(environment: [:], descriptor: descriptor) == .plain)
    }

    @Test("The handler writes through its output, follows the shared level, and merges metadata")
    func handler() {
        let lines = LineCollector()
        let level = LogLevelBox(.notice)
        var logger = Logger(label: "test") { _ in
            FeedwatchLogHandler(format: .journal, output: LogOutput { lines.append($0) }, level: level)
        }
        logger[metadataKey: "component"] = "scheduler"
        logger.info("hidden")
        logger.notice("reloaded", metadata: ["generation": "3"])
        level.level = .debug
        logger.debug("now visible")
        #expect(
            lines.all == ["<5>reloaded component=scheduler generation=3\n", "<7>now visible component=scheduler\n"])
    }

    @Test(
        "Levels from config or --log-level are read case-insensitively, and nothing else is accepted",
        arguments: [
            ("debug", Logger.Level.debug), ("INFO", .info), ("warn", .warning), ("warning", .warning),
            ("Error", .error), ("loud", nil), ("", nil),
        ] as [(String, Logger.Level?)])
    func parseLevel(text: String, expected: Logger.Level?) {
        #expect(FeedwatchLogging.parseLevel(text) == expected)
    }
}

/// Collects lines written from any thread.
final class LineCollector: @unchecked Sendable {
    // @unchecked: `lines` is only touched under `lock`.
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
