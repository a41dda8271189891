import Foundation

/// The lock-out rule: after `maxFailures` failed sign-ins in a row the account is locked for `lockDuration`.
public struct LoginPolicy: Sendable {
    /// Failed attempts allowed before the lock.
    public var maxFailures: Int
    /// How long the lock lasts.
    public var lockDuration: TimeInterval

    /// The platform's rule: 5 failures, 15 minutes.
    public static let standard = LoginPolicy(maxFailures: 5, lockDuration: 15 * 60)

    /// Creates a policy.
    public init(maxFailures: Int, lockDuration: TimeInterval) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    /// The failure count and lock after one more failure at `now`.
    public func afterFailure(previousFailures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let failures = previousFailures + 1
        if failures >= maxFailures { return (0, now.addingTimeInterval(lockDuration)) }
        return (failures, nil)
    }

    /// True when a lock set earlier still applies at `now`.
    public func isLocked(until: Date?, now: Date) -> Bool { until.map { now < $0 } ?? false }
}
