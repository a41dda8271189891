import NIOConcurrencyHelpers
import NIOCore
import Vapor
import XiezuoCore
import XiezuoStore

/// The server's periodic jobs. Expires postings past their last day every ten minutes while the server runs (the
/// feed and the board also treat them as expired at once; the sweep writes it down so partners receive the
/// tombstones), keeps the job board's index current (its build starts in the background at boot), and deletes
/// sessions whose cookie has expired (`SessionSetup.purge`: every visit to the sign-in page leaves one). Every minute
/// it also expires shop orders left unpaid past their hold (`XIEZUO_ORDER_HOLD_MINUTES`), which gives their stock back.
///
/// Several servers on one database take turns (``PeriodicTurn``): each job runs once a period across them, while
/// every server keeps its own job index warm.
final class PeriodicJobs: LifecycleHandler, Sendable {
    private let tasks = NIOLockedValueBox<[RepeatedTask]>([])
    static let sweepPeriod: TimeInterval = 600
    static let orderPeriod: TimeInterval = 60

    func didBoot(_ application: Application) throws {
        let loop = application.eventLoopGroup.any()
        // The job index starts building at once, in the background.
        Task { await Self.warmJobIndex(application) }
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .seconds(Int64(Self.sweepPeriod))) { _ in
            loop.makeFutureWithTask {
                _ = await Self.sweep(application)
                await Self.warmJobIndex(application)
            }
        }
        let orders = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(7), delay: .seconds(Int64(Self.orderPeriod))) { _ in
            loop.makeFutureWithTask { _ = await Self.expireOrders(application) }
        }
        tasks.withLockedValue { $0 = [repeated, orders] }
    }

    func shutdown(_ application: Application) {
        tasks.withLockedValue { $0.forEach { $0.cancel() } }
    }

    /// The expiry sweep and the session purge, if this server takes their turn; whether it did.
    static func sweep(_ application: Application) async -> Bool {
        let services = application.xiezuo
        do {
            return try await PeriodicTurn.take("sweep", every: sweepPeriod, now: services.clock.now, on: application.db) {
                let jobs = JobRepository(database: application.db, regions: services.regions, platform: services.settings.platformID,
                                         clock: services.clock)
                do {
                    let expired = try await jobs.expireDue()
                    if expired > 0 { application.logger.info("expired \(expired) job postings") }
                } catch {
                    application.logger.error("expiry sweep failed: \(error)")
                }
                do {
                    let purged = try await SessionSetup.purge(on: application.db, seenBefore: services.clock.now.addingTimeInterval(-SessionSetup.lifetime))
                    if purged > 0 { application.logger.info("deleted \(purged) expired sessions") }
                } catch {
                    application.logger.error("session purge failed: \(error)")
                }
            }
        } catch {
            application.logger.error("periodic sweep failed: \(error)")
            return false
        }
    }

    /// Brings this server's job index up to date, or starts its first build in the background (searches answer from
    /// the database until it is ready), so no visitor waits for that.
    static func warmJobIndex(_ application: Application) async {
        do {
            _ = try await application.xiezuo.jobSearch.readyIndex(on: application.db, today: application.xiezuo.clock.today)
        } catch {
            application.logger.error("job index refresh failed: \(error)")
        }
    }

    /// The expiry of unpaid orders, if this server takes its turn; whether it did.
    static func expireOrders(_ application: Application) async -> Bool {
        let services = application.xiezuo
        do {
            return try await PeriodicTurn.take("orders", every: orderPeriod, now: services.clock.now, on: application.db) {
                let repository = OrderRepository(database: application.db, regions: services.regions, cipher: services.cipher,
                                                 holdMinutes: services.settings.orderHoldMinutes, clock: services.clock)
                let expired = try await repository.expireUnpaid()
                if expired > 0 { application.logger.info("expired \(expired) unpaid orders") }
            }
        } catch {
            application.logger.error("order expiry failed: \(error)")
            return false
        }
    }
}
