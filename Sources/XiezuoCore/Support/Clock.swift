import Foundation
import Synchronization

/// Where "now" comes from. The app has one clock (the system's, unless a test sets its own); repositories and rules
/// take the time from it rather than reading the wall clock, so a test moves time by setting its clock and never waits
/// for time to pass.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `read`.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system's clock.
    public static let system = Clock { Date() }

    /// The moment now.
    public var now: Date { read() }

    /// Today in China Standard Time.
    public var today: Day { Day(read()) }
}

/// A clock a test sets and moves by hand. It starts at the moment it is made, and each reading through ``clock`` is a
/// millisecond after the one before, so what the app does keeps its order (a sign-in after a password change is later
/// than it) while no real time needs to pass.
public final class ManualClock: Sendable {
    private let moment: Mutex<Date>

    public init(_ start: Date = Date()) {
        moment = Mutex(start)
    }

    /// The clock to give the app: it reads this one, a millisecond later each time.
    public var clock: Clock {
        Clock { [self] in
            self.moment.withLock { moment in
                moment = moment.addingTimeInterval(0.001)
                return moment
            }
        }
    }

    /// The moment it shows.
    public var now: Date { moment.withLock { $0 } }

    /// Sets the moment.
    public func set(_ date: Date) {
        moment.withLock { $0 = date }
    }

    /// Moves the moment on by `seconds`.
    public func advance(by seconds: TimeInterval) {
        moment.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
