import ArgumentParser
import FeedwatchDaemon
import FeedwatchModel
import FeedwatchOutput
import Foundation

/// The alert filters `tail` and `alerts` share.
struct AlertSelection: ParsableArguments {
    @Option(help: "Only alerts that name this place (entity id); repeatable.")
    var place: [String] = []

    @Option(help: "Only alerts that name this group (entity id); repeatable.")
    var group: [String] = []

    @Option(help: "Only alerts of this severity or above: info, low, medium, high, critical.")
    var minSeverity: Severity?

    @Option(help: "Only alerts raised within this long, e.g. 30m, 2h, 7d.")
    var since: String?

    func validate() throws {
        if let since, Config.duration(from: since) == nil {
            throw ValidationError("--since '\(since)' is not a duration; write it like 30m, 2h or 7d.")
        }
    }

    var sinceDate: Date? {
        since.flatMap(Config.duration(from:)).map { Date().addingTimeInterval(-$0) }
    }

    var filter: AlertFilter {
        AlertFilter(places: place, groups: group, minSeverity: minSeverity, since: sinceDate)
    }
}

extension Severity: ExpressibleByArgument {}

/// Ctrl-C ends a reader quietly; a closed pipe (`feedwatch tail | head`) ends it silently.
func exitQuietlyOnInterrupt() {
    signal(SIGINT) { _ in _exit(0) }
    signal(SIGPIPE, SIG_DFL)
}
