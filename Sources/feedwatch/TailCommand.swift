import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import Foundation

struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the alert log readably; with -f, follow it as alerts arrive.",
        discussion: "Follows across log rotation, like tail -F. Colour only on a terminal.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var selection: AlertSelection

    @Flag(name: .shortAndLong, help: "Keep reading as new alerts are appended.")
    var follow = false

    @Option(name: [.customShort("n"), .long], help: "How many of the last alerts to print first.")
    var lines = 10

    @Flag(help: "Print the log's JSON lines instead of readable ones.")
    var json = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let path = configuration.config.alertLogPath
        exitQuietlyOnInterrupt()
        let filter = selection.filter
        let formatter = AlertFormatter(color: isatty(STDOUT_FILENO) == 1)
        let unfiltered = filter == AlertFilter()
        // Alerts, filtered; later sources of an alert and feed-health events only when unfiltered.
        let render: (String) -> String? = { line in
            switch LogEvent.decode(line) {
            case .alert(let alert)?:
                guard filter.accepts(alert) else { return nil }
                return json ? AlertLine.encode(alert) : formatter.format(alert)
            case .update(let update)?:
                guard unfiltered else { return nil }
                return json ? line : formatter.format(update)
            case .other(let type, _)? where unfiltered:
                return json ? line : Self.readable(type: type, line: line)
            default:
                return nil
            }
        }
        let follower = AlertLogFollower(path: path)
        // Filters apply before -n: read back far enough to find N matching alerts.
        let scan = unfiltered ? max(lines, 0) : max(lines, 0) * 50 + 1000
        let recent = try follower.lines(last: scan).compactMap(render).suffix(max(lines, 0))
        for line in recent { print(line) }
        guard follow else {
            if !FileManager.default.fileExists(atPath: path) { printError("feedwatch: \(path): no alert log yet") }
            return
        }
        fflush(nil)
        try await follower.follow(last: 0) { line in
            if let out = render(line) {
                print(out)
                fflush(nil)  // a pipe reader sees each alert at once
            }
            return true
        }
    }

    /// Other events in one line: `2026-11-25T01:35:12Z FEED-HEALTH refused: connect, 3 failures — last error`.
    static func readable(type: String, line: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return "\(type): \(line)".sanitized
        }
        let feed = (object["feed"] as? [String: Any])?["id"] as? String ?? "?"
        var text =
            "\(object["timestamp"] as? String ?? "") \(type.uppercased().replacingOccurrences(of: "_", with: "-")) \(feed)"
        if let status = object["status"] as? String { text += ": \(status)" }
        if let failures = object["consecutive_failures"] as? Int { text += ", \(failures) failures" }
        if let error = object["last_error"] as? String { text += " — \(error)" }
        return text.sanitized
    }
}
