import FeedwatchModel
import FeedwatchStore
import Foundation

/// A `feed_health` line in the alert log: a feed has been failing for longer than
/// `feed_health_after`, so the people reading alerts know a source has gone quiet.
struct FeedHealthEvent: Encodable {
    var eventType = "feed_health"
    var timestamp: Date
    var feed: Alert.FeedRef
    var status: String
    var consecutiveFailures: Int
    var lastSuccess: Date?
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type"
        case timestamp, feed, status
        case consecutiveFailures = "consecutive_failures"
        case lastSuccess = "last_success"
        case lastError = "last_error"
    }

    init(state: FeedState, at now: Date) {
        timestamp = now
        feed = Alert.FeedRef(id: state.feedID, url: state.url.sanitized)
        status = state.status
        consecutiveFailures = state.consecutiveFailures
        lastSuccess = state.lastSuccess
        lastError = state.lastError?.sanitized
    }
}
