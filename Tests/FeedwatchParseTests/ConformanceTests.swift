import Foundation
import Testing

/// Runs Tests/Conformance/feedparser_conformance.py over the feedparser corpus with the built
/// `feedwatch` binary (`swift test` builds it too). Skipped when the corpus or python3 is missing.
@Suite("feedparser corpus conformance")
struct ConformanceTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repoRoot.appendingPathComponent("Tests/Conformance/feedparser_conformance.py")

    static var corpus: URL? {
        let env = ProcessInfo.processInfo.environment["FEEDWATCH_FEEDPARSER_CORPUS"]
        let candidates = [env, "../shared/corpus/feedparser", "/work/shared/corpus/feedparser"].compactMap { $0 }
        for candidate in candidates {
            let url = URL(fileURLWithPath: candidate, relativeTo: repoRoot).standardizedFileURL
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("INDEX.tsv").path) { return url }
        }
        return nil
    }

    static var python: String? {
        ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The `feedwatch` binary beside this test bundle (…/.build/<triple>/debug/feedwatch).
    static var binary: URL? {
        let dir = Bundle.module.bundleURL.deletingLastPathComponent()
        let candidates = [
            dir.appendingPathComponent("feedwatch"), repoRoot.appendingPathComponent(".build/debug/feedwatch"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var ready: Bool { corpus != nil && python != nil && binary != nil }

    @Test(
        "Every corpus file parses or fails cleanly, and applicable well-formed + encoding cases pass",
        .enabled(if: ready, "needs the feedparser corpus, python3 and the built feedwatch binary"),
        .timeLimit(.minutes(15)))
    func corpusConformance() throws {
        guard let corpus = Self.corpus, let python = Self.python, let binary = Self.binary else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.script.path, corpus.path, "--binary", binary.path, "--timeout", "20", "--jobs", "4"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = String(decoding: output, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("crashes or hangs: 0"), "\(report)")
    }
}
