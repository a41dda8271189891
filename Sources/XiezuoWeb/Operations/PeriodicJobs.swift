import NIOConcurrencyHelpers
import NIOCore
import Vapor
import XiezuoCore
import XiezuoStore

/// The server's periodic jobs. Expires postings past their last day every ten minutes while the server runs (the
/// feed and the board also treat them as expired at once; the sweep writes it down so partners receive the
/// tombstones), keeps the job board's index warm (its first run, five seconds after start, builds it), and deletes
/// sessions whose cookie has expired (`SessionSetup.purge`: every visit to the sign-in page leaves one). Every minute
/// it also expires shop orders left unpaid past their hold (`XIEZUO_ORDER_HOLD_MINUTES`), which gives their stock back.
final class PeriodicJobs: LifecycleHandler, Sendable {
    private let tasks = NIOLockedValueBox<[RepeatedTask]>([])

    func didBoot(_ application: Application) throws {
        let loop = application.eventLoopGroup.any()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .minutes(10)) { _ in
            loop.makeFutureWithTask {
                let jobs = JobRepository(database: application.db, regions: application.xiezuo.regions,
                                         platform: application.xiezuo.settings.platformID, clock: application.xiezuo.clock)
                do {
                    let expired = try await jobs.expireDue()
                    if expired > 0 { application.logger.info("expired \(expired) job postings") }
                    // Also warms the job board's index (the first run builds it), so no visitor waits for that.
                    _ = try await application.xiezuo.jobSearch.current(on: application.db, today: application.xiezuo.clock.today)
                } catch {
                    application.logger.error("expiry sweep failed: \(error)")
                }
                do {
                    let purged = try await SessionSetup.purge(on: application.db, seenBefore: application.xiezuo.clock.now.addingTimeInterval(-SessionSetup.lifetime))
                    if purged > 0 { application.logger.info("deleted \(purged) expired sessions") }
                } catch {
                    application.logger.error("session purge failed: \(error)")
                }
            }
        }
        let orders = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(7), delay: .minutes(1)) { _ in
            loop.makeFutureWithTask {
                let services = application.xiezuo
                let repository = OrderRepository(database: application.db, regions: services.regions, cipher: services.cipher,
                                                 holdMinutes: services.settings.orderHoldMinutes, clock: application.xiezuo.clock)
                do {
                    let expired = try await repository.expireUnpaid()
                    if expired > 0 { application.logger.info("expired \(expired) unpaid orders") }
                } catch {
                    application.logger.error("order expiry failed: \(error)")
                }
            }
        }
        tasks.withLockedValue { $0 = [repeated, orders] }
    }

    func shutdown(_ application: Application) {
        tasks.withLockedValue { $0.forEach { $0.cancel() } }
    }
}
