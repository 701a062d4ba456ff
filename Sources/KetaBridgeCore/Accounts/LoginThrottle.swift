public import Foundation

/// Failed-login throttling: after `maxFailures` failures within `window`, further attempts for the same
/// account or from the same client address are refused (HTTP 429) until the oldest failure leaves the window.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var maxFailures: Int
    public var window: TimeInterval

    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// The keys a login attempt is counted under.
    public static func keys(email: String, clientAddress: String?) -> [String] {
        ["account:" + email.lowercased()] + (clientAddress.map { ["ip:" + $0] } ?? [])
    }

    /// When the window that matters starts, seen from `now`.
    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }

    /// Whether `recentFailures` (failures since `windowStart`) block another attempt.
    public func isBlocked(recentFailures: Int) -> Bool { recentFailures >= maxFailures }
}
