import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import Foundation

struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the alert log readably; with -f, follow it as alerts arrive.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .shortAndLong, help: "Keep reading as new alerts are appended.")
    var follow = false

    @Option(name: .shortAndLong, help: "How many of the last alerts to print first.")
    var lines = 10

    @Flag(help: "Print the log's JSON lines as they are.")
    var json = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let path = configuration.config.alertLogPath
        let formatter = AlertFormatter(color: isatty(STDOUT_FILENO) == 1)
        signal(SIGPIPE, SIG_DFL)  // `feedwatch tail | head` ends quietly
        let render: (Substring) -> String? = { line in
            if json { return AlertLine.decode(line).map(AlertLine.encode) }
            return AlertLine.decode(line).map(formatter.format)
        }
        var offset: UInt64 = 0
        if let data = FileManager.default.contents(atPath: path) {
            offset = UInt64(data.count)
            let text = String(decoding: data, as: UTF8.self)
            let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
            for line in complete.split(separator: "\n").suffix(max(lines, 0)) {
                if let out = render(line) { print(out) }
            }
        } else if !follow {
            printError("feedwatch: \(path): no alert log yet")
            return
        }
        guard follow else { return }
        var pending = ""
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(250))
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            if size < offset { offset = 0 }  // truncated or replaced: start over
            try handle.seek(toOffset: offset)
            guard let data = try handle.readToEnd(), !data.isEmpty else { continue }
            offset += UInt64(data.count)
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                if let out = render(pending[..<newline]) { print(out) }
                pending.removeSubrange(...newline)
            }
            fflush(nil)  // all output streams: a pipe reader sees each alert at once
        }
    }
}
