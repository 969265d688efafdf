import CCurl
import Foundation

/// Fetches feeds with libcurl.
public final class Fetcher: Sendable {
    public let limits: FetchLimits

    public init(limits: FetchLimits = FetchLimits()) {
        self.limits = limits
    }

    /// Fetches one URL. Never throws: every failure is a classified `FetchError`.
    public func fetch(_ request: FetchRequest) async -> FetchOutcome {
        .failed(FetchError(.other, "fetcher not implemented yet"))
    }

    /// Stops new transfers and ends the ones in flight.
    public func shutdown() {}
}
