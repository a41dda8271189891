import Foundation
import NIOConcurrencyHelpers
import Vapor
import XiezuoCore

/// The process's rate limits, each a ``RateWindow`` behind a lock. They are kept in memory: a restart forgets them,
/// and each server process of a cluster counts on its own (documented in docs/security.md).
public final class RateLimits: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Sign-in attempts from one client address: 30 in 10 minutes.
        case signInAddress
        /// Sign-in attempts for one user name, from anywhere: 10 in 10 minutes (the lock-out after 5 failures in a
        /// row comes on top).
        case signInAccount
        /// Second-factor codes tried for one account: 10 in 10 minutes.
        case secondFactor
        /// Orders without an account from one client address: 10 in 10 minutes.
        case anonymousOrders
        /// Sign-ups from one client address: 10 in an hour.
        case signUp

        var rule: (limit: Int, window: TimeInterval) {
            switch self {
            case .signInAddress: (30, 600)
            case .signInAccount: (10, 600)
            case .secondFactor: (10, 600)
            case .anonymousOrders: (10, 600)
            case .signUp: (10, 3600)
            }
        }
    }

    private let windows: [Kind: NIOLockedValueBox<RateWindow>]

    public init() {
        var windows: [Kind: NIOLockedValueBox<RateWindow>] = [:]
        for kind in Kind.allCases { windows[kind] = NIOLockedValueBox(RateWindow(limit: kind.rule.limit, window: kind.rule.window)) }
        self.windows = windows
    }

    /// Counts one event and answers whether it is allowed.
    public func allow(_ kind: Kind, _ key: String, now: Date = Date()) -> Bool {
        windows[kind]!.withLockedValue { $0.allow(key, now: now) }
    }

    /// Whole minutes (at least 1) until `key` may act again.
    public func minutesToWait(_ kind: Kind, _ key: String, now: Date = Date()) -> Int {
        max(1, Int((windows[kind]!.withLockedValue { $0.retryAfter(key, now: now) } / 60).rounded(.up)))
    }

    /// Forgets a key's count.
    public func reset(_ kind: Kind, _ key: String) {
        windows[kind]!.withLockedValue { $0.reset(key) }
    }
}

extension Request {
    /// The client's address for per-address limits: the peer's, or behind a trusted reverse proxy
    /// (`XIEZUO_TRUST_FORWARDED_FOR=1`) the last address in `X-Forwarded-For`, which that proxy added.
    var clientAddress: String {
        if services.settings.trustForwardedFor,
           let last = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Refuses with 429 when `kind`'s limit for `key` is reached.
    func throttle(_ kind: RateLimits.Kind, _ key: String) throws {
        guard services.rateLimits.allow(kind, key) else {
            throw DomainError(.tooManyRequests, code: "too_many_requests", field: nil,
                              arguments: ["minutes": String(services.rateLimits.minutesToWait(kind, key))])
        }
    }
}
