import Dispatch
import Foundation

/// Turns SIGHUP (reload), SIGUSR1 (reopen logs), SIGTERM and SIGINT (stop) into mailbox events.
final class SignalSource {
    private let sources: [any DispatchSourceSignal]

    init(posting mailbox: Mailbox) {
        let queue = DispatchQueue(label: "feedwatch.signals")
        let mapping: [(Int32, DaemonEvent)] = [
            (SIGHUP, .reload), (SIGUSR1, .reopenLogs), (SIGTERM, .stop(signal: SIGTERM)),
            (SIGINT, .stop(signal: SIGINT)),
        ]
        sources = mapping.map { signalNumber, event in
            // The default action would kill the process before Dispatch sees the signal.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { mailbox.post(event) }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
