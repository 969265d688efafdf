import Logging

/// The daemon's operational `LogHandler`: one line per event on stderr, with syslog priority
/// prefixes under systemd (see `LogFormat`). Alerts do not go through here; they are domain
/// records (see `AlertSummary`).
///
/// The level is shared by every logger made by `FeedwatchLogging.bootstrap`, so a reload that
/// changes `log_level` takes effect at once, unless a logger set its own level.
public struct FeedwatchLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let format: LogFormat
    private let output: LogOutput
    private let sharedLevel: LogLevelBox
    private var ownLevel: Logger.Level?

    /// - Parameters:
    ///   - format: journal prefixes or plain lines.
    ///   - output: where lines go (stderr in the daemon).
    ///   - level: the level box shared by all handlers of the process.
    public init(
        format: LogFormat, output: LogOutput = .standardError, level: LogLevelBox,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.format = format
        self.output = output
        self.sharedLevel = level
        self.metadataProvider = metadataProvider
    }

    public var logLevel: Logger.Level {
        get { ownLevel ?? sharedLevel.level }
        set { ownLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let extra = event.metadata {
            merged.merge(extra) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = "\(error)"
        }
        output.write(
            LogLine.render(format: format, level: event.level, message: event.message.description, metadata: merged))
    }
}
