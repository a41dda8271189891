import Vapor
import XiezuoCore
import XiezuoStore

extension FeaturedIndustry: Content {}
extension Park: Content {}
extension Enterprise: Content {}
extension PromotionEvent: Content {}
extension EnclaveShare: Content {}
extension ParkFigures: Content {}
extension EnclaveReportLine: Content {}

/// A park as its detail route shows it: the park and the enterprises in it the caller may see.
struct ParkDetailDTO: Content {
    var park: Park
    var enterprises: [Enterprise]
}

/// An enclave park's sharing as staff read it.
struct EnclaveDTO: Content {
    var shares: [EnclaveShare]
    var report: [EnclaveReportLine]
}

extension Request {
    var industries: FeaturedIndustryRepository { FeaturedIndustryRepository(database: db, regions: services.regions, clock: services.clock) }
    var parks: ParkRepository { ParkRepository(database: db, regions: services.regions, clock: services.clock) }
    var enterprises: EnterpriseRepository { EnterpriseRepository(database: db, regions: services.regions, clock: services.clock) }
    var promotionEvents: PromotionEventRepository { PromotionEventRepository(database: db, regions: services.regions, clock: services.clock) }
    var enclaves: EnclaveRepository { EnclaveRepository(database: db, clock: services.clock) }

    /// The filter of the industry and park lists: `region`, `q`, and `category` (or `form` for parks).
    func industryFilter(category: String = "category") throws -> IndustryFilter {
        IndustryFilter(region: try queryRegion(), search: try queryText("q", max: 100), category: try queryText(category, max: 40))
    }

    /// The enterprise list's filter: `region`, `park`, `status`, `chain`, `q`.
    func enterpriseFilter() throws -> EnterpriseFilter {
        var filter = EnterpriseFilter(region: try queryRegion(), chain: try queryText("chain", max: 40), search: try queryText("q", max: 100))
        if let park = try queryText("park", max: 40) {
            guard let id = UUID(uuidString: park) else { throw DomainError.invalid("park", "unknown_park") }
            filter.parkID = id
        }
        if let status = try queryText("status", max: 30) {
            guard let value = EnterpriseStatus(rawValue: status) else { throw DomainError.invalid("status", "unknown_choice", ["value": status]) }
            filter.status = value
        }
        return filter
    }
}
