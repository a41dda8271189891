import Vapor
import XiezuoCore
import XiezuoStore

extension Request {
    /// The app's services.
    var services: AppServices { application.xiezuo }
    /// The app's clock, and today and now by it.
    var clock: Clock { services.clock }
    var today: Day { services.clock.today }
    var now: Date { services.clock.now }

    /// Repositories built from this request's database.
    var pairings: PairingRepository { PairingRepository(database: db, regions: services.regions) }
    var accounts: AccountRepository { AccountRepository(database: db, regions: services.regions, hasher: services.hasher, clock: services.clock) }
    var tokens: TokenRepository { TokenRepository(database: db, clock: services.clock) }
    var auditLog: AuditRepository { AuditRepository(database: db) }
    var employers: EmployerRepository { EmployerRepository(database: db, regions: services.regions, cipher: services.cipher) }
    var jobs: JobRepository { JobRepository(database: db, regions: services.regions, platform: services.settings.platformID, clock: services.clock) }
    var jobBoard: JobBoard { JobBoard(database: db, search: services.jobSearch, clock: services.clock) }
    var exchange: JobExchange {
        JobExchange(database: db, regions: services.regions, platform: services.settings.platformID, reader: application.sqliteReader,
                    writer: application.sqliteWriter, clock: services.clock)
    }
}
