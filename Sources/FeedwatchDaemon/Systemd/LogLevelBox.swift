import Foundation
import Logging

/// A log level that many handlers read and a reload may change.
public final class LogLevelBox: @unchecked Sendable {
    // @unchecked: `storage` is only touched under `lock`.
    private let lock = NSLock()
    private var storage: Logger.Level

    public init(_ level: Logger.Level) {
        storage = level
    }

    public var level: Logger.Level {
        get { lock.withLock { storage } }
        set { lock.withLock { storage = newValue } }
    }
}
