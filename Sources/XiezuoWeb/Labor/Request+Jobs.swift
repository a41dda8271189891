import Vapor
import XiezuoCore
import XiezuoStore

extension JobPosting: Content {}
extension Employer: Content {}
extension JobOrigin: Content {}

/// A job on the board as the API shows it: the posting and every platform carrying the same job.
struct JobListingDTO: Content {
    var posting: JobPosting
    var origins: [JobOrigin]
    /// The status on today's date (an open posting past its last day reads as expired).
    var currentStatus: JobStatus

    /// The listing as `principal` may read it: the contact person left out for those who may not see it.
    init(_ listing: JobListing, today: Day, for principal: Principal) {
        posting = listing.posting
        if !Permissions.canSeeContact(principal, of: posting) { posting.contactPerson = nil }
        origins = listing.origins
        currentStatus = listing.posting.status(on: today)
    }
}

extension Request {
    /// The job-board query from the query string: `q`, `region`, `province`, `occupation`, `wage_min` (fen),
    /// `benefits` (comma-separated), `paired_with` (a Shaanxi county whose paired Jiangsu cities come first), `sort`.
    func jobQuery() async throws -> JobQuery {
        var query = JobQuery(text: try queryText("q", max: 50) ?? "")
        query.region = try queryPlace("region", levels: [.province, .city, .county])
        if let province = try queryText("province", max: 10) {
            let code: String
            switch province {
            case "jiangsu", "32": code = "32"
            case "shaanxi", "61": code = "61"
            default: throw DomainError.invalid("province", "unknown_choice", ["value": province])
            }
            if let region = query.region {
                guard region.hasPrefix(code) else { throw DomainError.invalid("region", "region_outside_province") }
            } else {
                query.region = code
            }
        }
        if let occupation = try queryText("occupation", max: 10) {
            guard OccupationCatalogue.isWellFormed(occupation) else { throw DomainError.invalid("occupation", "occupation_format") }
            query.occupation = occupation
        }
        if let fen = try Validate.integer(try queryText("wage_min", max: 20), field: "wage_min") {
            guard fen >= 0 else { throw DomainError.invalid("wage_min", "wrong_type") }
            query.wageMin = Int64(fen)
        }
        if let text = try queryText("benefits", max: 200) {
            query.benefits = try text.split(separator: ",").map {
                guard let benefit = Benefit(rawValue: String($0)) else { throw DomainError.invalid("benefits", "unknown_benefit", ["value": String($0)]) }
                return benefit
            }
        }
        if let text = try queryText("sort", max: 20) {
            guard let sort = JobSort(rawValue: text) else { throw DomainError.invalid("sort", "unknown_choice", ["value": text]) }
            query.sort = sort
        }
        var home = try queryRegion("paired_with")
        if home == nil, principal.role == .worker { home = principal.jurisdiction }
        if let home { query.preferredRegions = try await pairedRegions(of: home) }
        return query
    }

    /// The Jiangsu regions paired with a Shaanxi region (and the other way round), for "paired first".
    func pairedRegions(of code: String) async throws -> [String] {
        let pairings = try await self.pairings.list(region: code, page: Paging(perPage: Paging.maxPerPage)).items
        let year = today.year
        return pairings.filter { $0.validTo.map { $0 >= year } ?? true }.compactMap { pairing in
            if code.hasPrefix(pairing.westCode) || pairing.westCode.hasPrefix(code) { return pairing.eastCode }
            if code.hasPrefix(pairing.eastCode) || pairing.eastCode.hasPrefix(code) { return pairing.westCode }
            return nil
        }
    }
}
