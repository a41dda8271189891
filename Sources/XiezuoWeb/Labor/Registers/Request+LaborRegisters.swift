import Vapor
import XiezuoCore
import XiezuoStore

extension LaborBrand: Content {}
extension TrainingProgramme: Content {}
extension TrainingEnrolment: Content {}
extension AssistanceWorkshop: Content {}
extension GigMarket: Content {}
extension GigTask: Content {}
extension GigSignup: Content {}
extension DirectTrip: Content {}

/// A brand as its page and API show it: the brand, how many workers carry it, and open jobs in its occupation.
struct BrandDetailDTO: Content {
    var brand: LaborBrand
    var workers: Int
    var jobs: [JobListingDTO]
}

/// A programme with its seats taken.
struct TrainingDetailDTO: Content {
    var programme: TrainingProgramme
    var enrolled: Int
}

/// A trainee with their name (staff).
struct TraineeDTO: Content {
    var enrolment: TrainingEnrolment
    var workerName: String
    var stage: String
}

/// A gig with the places taken.
struct GigDTO: Content {
    var gig: GigTask
    var taken: Int
}

/// A sign-up with the worker's name (staff).
struct GigWorkerDTO: Content {
    var signup: GigSignup
    var workerName: String
}

/// A passenger with their name and job (staff).
struct TripRiderDTO: Content {
    var workerId: UUID
    var postingId: UUID
    var workerName: String
    var jobTitle: String
    var employerName: String
}

extension Request {
    var brands: LaborBrandRepository { LaborBrandRepository(database: db, regions: services.regions, clock: services.clock) }
    var training: TrainingRepository { TrainingRepository(database: db, regions: services.regions, clock: services.clock) }
    var workshops: WorkshopRepository { WorkshopRepository(database: db, regions: services.regions, clock: services.clock) }
    var gigs: GigRepository { GigRepository(database: db, regions: services.regions, clock: services.clock) }
    var trips: TripRepository { TripRepository(database: db, regions: services.regions, clock: services.clock) }

    /// A brand with its carriers and up to `jobs` open postings in its occupation.
    func brandDetail(_ id: UUID, jobs: Int = 10) async throws -> BrandDetailDTO {
        let brand = try await brands.get(id)
        let carriers = try await brands.carriers(of: [id])[id] ?? 0
        let today = self.today
        let page = try await jobBoard.find(JobQuery(occupation: brand.occupationCode), page: Paging(perPage: jobs), today: today)
        return BrandDetailDTO(brand: brand, workers: carriers, jobs: page.items.map { JobListingDTO($0, today: today, for: principal) })
    }

    /// An optional `yyyy-MM-dd` query parameter.
    func queryDay(_ name: String) throws -> Day? {
        try Validate.day(try queryText(name, max: 10), field: name)
    }
}

extension Request {
    /// A body field naming one of an enum's cases: required, and a known case.
    func bodyChoice<T: RawRepresentable>(_ text: String?, field: String, as type: T.Type) throws -> T where T.RawValue == String {
        guard let text, !text.isEmpty else { throw DomainError.invalid(field, "required") }
        guard let value = T(rawValue: text) else { throw DomainError.invalid(field, "unknown_choice", ["value": text]) }
        return value
    }

    /// A query parameter naming one of an enum's cases; anything else is a 400 naming the parameter.
    func queryChoice<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try queryText(name, max: 40) else { return nil }
        guard let value = T(rawValue: text) else { throw DomainError.invalid(name, "unknown_choice", ["value": text]) }
        return value
    }
}
