import Foundation

/// Where state and the alert log go when the config names no path.
///
/// Under systemd the unit's `StateDirectory=` and `LogsDirectory=` arrive as `$STATE_DIRECTORY`
/// and `$LOGS_DIRECTORY`; otherwise everything lives under `$XDG_STATE_HOME/feedwatch`
/// (or `~/.local/state/feedwatch`), never under /var.
public enum StatePaths {
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory = firstPath(environment["STATE_DIRECTORY"]) { return directory }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/feedwatch" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/feedwatch"
    }

    public static func logsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        firstPath(environment["LOGS_DIRECTORY"])
    }

    /// systemd passes a colon-separated list when a unit names several directories.
    private static func firstPath(_ value: String?) -> String? {
        guard let first = value?.split(separator: ":").first, first.hasPrefix("/") else { return nil }
        return String(first)
    }
}
