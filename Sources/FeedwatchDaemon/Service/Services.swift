import FeedwatchFetch
import FeedwatchModel
import FeedwatchOutput
import FeedwatchStore
import Foundation
import Logging

/// The long-lived parts a configuration needs: the store, the alert log, the fetcher and
/// the pipeline that ties them together.
public struct Services: Sendable {
    public let store: Store
    public let alertLog: AlertLog
    public let fetcher: Fetcher
    public let pipeline: Pipeline
    public let metrics: Metrics
    /// Held while these services live: no second writer on the same store.
    let lock: StateLock

    /// Opens (creating if needed) the store and the alert log the configuration names, after
    /// taking the store's lock (`StateLock`): one writer at a time.
    public static func open(_ configuration: Configuration, logger: Logger) throws(ServicesError) -> Services {
        let config = configuration.config
        for path in [config.storePath, config.alertLogPath] {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw ServicesError(path: directory, message: "cannot create directory: \(error.localizedDescription)")
            }
        }
        let lock = try StateLock(storePath: config.storePath)
        let store: Store
        do {
            store = try Store(path: config.storePath)
        } catch {
            throw ServicesError(path: config.storePath, message: "cannot open the store: \(error)")
        }
        let alertLog: AlertLog
        do {
            // The log's recent ids only serve to recover what the store committed but had not
            // marked logged when a run ended (a crash between the two): with nothing waiting in
            // the outbox, the log's last megabytes need not be read.
            let recover = (try? store.outboxIsEmpty()) != true
            alertLog = try AlertLog(path: config.alertLogPath, recoveryWindow: recover ? 8 << 20 : 0)
        } catch {
            throw ServicesError(path: config.alertLogPath, message: "cannot open the alert log: \(error)")
        }
        let fetcher = Fetcher(limits: config.fetch)
        let metrics = Metrics()
        let pipeline = Pipeline(fetcher: fetcher, store: store, alertLog: alertLog, logger: logger, metrics: metrics)
        return Services(
            store: store, alertLog: alertLog, fetcher: fetcher, pipeline: pipeline, metrics: metrics, lock: lock)
    }
}

public struct ServicesError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
