import Foundation

/// Finds the config file when none is named.
public enum ConfigLocator {
    public static let systemPath = "/etc/feedwatch/feedwatch.yaml"
    public static let localPath = "Config/feedwatch.yaml"

    public static func resolve(explicit: String?) -> String {
        if let explicit { return explicit }
        return FileManager.default.fileExists(atPath: systemPath) ? systemPath : localPath
    }
}
