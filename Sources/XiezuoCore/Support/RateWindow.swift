import Foundation

/// Counts events per key (a client address, a user name) in fixed windows and says whether one more is allowed: at
/// most `limit` in each `window` seconds from a key's first event in that window. Pure bookkeeping: the caller
/// passes the time, so tests set the clock, and keeps the value behind a lock.
///
/// Memory stays bounded by the keys seen within one window: when the table passes `pruneAbove` keys, windows that
/// have ended are dropped.
public struct RateWindow: Sendable {
    public let limit: Int
    public let window: TimeInterval
    public let pruneAbove: Int
    private var counts: [String: (start: Date, count: Int)] = [:]

    /// A limit of `limit` events per `window` seconds for each key.
    public init(limit: Int, window: TimeInterval, pruneAbove: Int = 10_000) {
        precondition(limit > 0 && window > 0)
        self.limit = limit
        self.window = window
        self.pruneAbove = pruneAbove
    }

    /// Records an event for `key` at `now` when the key is under its limit and answers true; otherwise records
    /// nothing and answers false.
    public mutating func allow(_ key: String, now: Date) -> Bool {
        if counts.count > pruneAbove { counts = counts.filter { now.timeIntervalSince($0.value.start) < window } }
        guard let entry = counts[key], now.timeIntervalSince(entry.start) < window, now >= entry.start else {
            counts[key] = (now, 1)
            return true
        }
        guard entry.count < limit else { return false }
        counts[key] = (entry.start, entry.count + 1)
        return true
    }

    /// Seconds until `key` may act again (0 when it may now).
    public func retryAfter(_ key: String, now: Date) -> TimeInterval {
        guard let entry = counts[key], entry.count >= limit else { return 0 }
        return max(0, window - now.timeIntervalSince(entry.start))
    }

    /// Forgets a key (a successful sign-in clears the account's count).
    public mutating func reset(_ key: String) { counts[key] = nil }
}
