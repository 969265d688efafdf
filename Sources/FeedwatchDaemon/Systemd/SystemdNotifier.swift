import Foundation

/// sd_notify. Placeholder until the systemd branch lands.
public struct SystemdNotifier: Sendable {
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {}
    public var watchdogInterval: Duration? { nil }
    public func ready() {}
    public func reloading() {}
    public func stopping() {}
    public func status(_ text: String) {}
    public func watchdog() {}
}
