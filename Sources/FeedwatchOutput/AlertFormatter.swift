import FeedwatchModel
import Foundation

/// An alert as one readable line for a person.
public struct AlertFormatter: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func format(_ alert: Alert) -> String { alert.item.title?.sanitized ?? alert.alertID }
}
