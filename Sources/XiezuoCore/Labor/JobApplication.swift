import Foundation

/// Where an application stands: 已申请 applied → 已接受 accepted (for interview) → 已录用 hired; or rejected by the
/// employer, or withdrawn by the worker, before the hire.
public enum ApplicationStatus: String, Sendable, Codable, CaseIterable {
    case applied, accepted, rejected, withdrawn, hired

    /// The statuses reachable in one move.
    public var next: [ApplicationStatus] {
        switch self {
        case .applied: return [.accepted, .rejected, .withdrawn, .hired]
        case .accepted: return [.hired, .rejected, .withdrawn]
        case .rejected, .withdrawn, .hired: return []
        }
    }

    /// Refuses any other move, naming both statuses.
    public func checkMove(to target: ApplicationStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw .invalid("status", "illegal_application_move", ["from": rawValue, "to": target.rawValue])
        }
    }
}

/// A worker's application to a posting; once hired, a placement with its start date, wage and place.
public struct JobApplication: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var workerID: UUID
    public var postingID: UUID
    public var status: ApplicationStatus
    public var appliedOn: Day
    public var respondedOn: Day?
    public var startDate: Day?
    /// Agreed wage, fen per month.
    public var wage: Int64?
    /// The county the worker is placed in.
    public var placeCode: String?
    /// The pairing the placement is credited to (the worker's home county with a Jiangsu place paired with it).
    public var pairingID: UUID?
    public var note: String?
    /// The day the posting's side first opened its applicants page after this application arrived.
    public var seenOn: Day?
    /// What the posting's side wrote to the worker with its answer (an interview's time and place, or why not).
    public var message: String?
    /// For a placement found to be wrong: its reversal (the placement no longer counts).
    public var reversal: PlacementReversal?

    public init(id: UUID, workerID: UUID, postingID: UUID, status: ApplicationStatus, appliedOn: Day, respondedOn: Day? = nil,
                startDate: Day? = nil, wage: Int64? = nil, placeCode: String? = nil, pairingID: UUID? = nil, note: String? = nil,
                seenOn: Day? = nil, message: String? = nil, reversal: PlacementReversal? = nil) {
        self.id = id
        self.workerID = workerID
        self.postingID = postingID
        self.status = status
        self.appliedOn = appliedOn
        self.respondedOn = respondedOn
        self.startDate = startDate
        self.wage = wage
        self.placeCode = placeCode
        self.pairingID = pairingID
        self.note = note
        self.seenOn = seenOn
        self.message = message
        self.reversal = reversal
    }

    /// Where the application stands as its worker reads it: submitted, seen, invited (to an interview), not selected,
    /// hired (or its placement reversed) or withdrawn.
    public var stage: String {
        switch status {
        case .applied: seenOn == nil ? "submitted" : "seen"
        case .accepted: "invited"
        case .rejected: "not_selected"
        case .hired: reversal == nil ? "hired" : "reversed"
        case .withdrawn: "withdrawn"
        }
    }
}

/// What the employer (or an officer) records to hire.
public struct HireDraft: Sendable, Codable, Equatable {
    public var startDate: String?
    /// Fen per month.
    public var monthlyWage: Int64?
    /// Defaults to the posting's county.
    public var placeCode: String?
    public var note: String?

    public init(startDate: String? = nil, monthlyWage: Int64? = nil, placeCode: String? = nil, note: String? = nil) {
        self.startDate = startDate
        self.monthlyWage = monthlyWage
        self.placeCode = placeCode
        self.note = note
    }

    /// The start date (from 1990, at most a year ahead), the wage (positive) and the place (a county).
    public func validated(in regions: RegionDirectory, postingCounty: String, today: Day) throws(DomainError) -> (Day, Int64, String, String?) {
        guard let start = try Validate.day(startDate, field: "startDate") else { throw .invalid("startDate", "required") }
        guard start.year >= 1990, start.year <= today.year + 1 else { throw .invalid("startDate", "year_out_of_range") }
        let wage = try Validate.fen(monthlyWage, field: "monthlyWage", required: true, positive: true)!
        guard wage <= 10_000_000 else { throw .invalid("monthlyWage", "amount_too_large") }
        let place = try Validate.text(placeCode, field: "placeCode", max: 9, required: false) ?? postingCounty
        guard let region = regions[place] else { throw .invalid("placeCode", "unknown_region", ["code": place]) }
        guard region.level == .county else { throw .invalid("placeCode", "not_a_county") }
        return (start, wage, place, try Validate.text(note, field: "note", max: 500, required: false))
    }
}

/// A placement as the facts see it.
public struct PlacementFact: Sendable, Hashable {
    public var startDate: Day
    public var placeCode: String
    public var pairingID: UUID?

    public init(startDate: Day, placeCode: String, pairingID: UUID?) {
        self.startDate = startDate
        self.placeCode = placeCode
        self.pairingID = pairingID
    }
}

extension FactRules {
    /// A worker counts once per year and pairing they were placed through (in the month of the first such
    /// placement): one worker helped into a job, of whom poverty-lifted when they are, of whom in Jiangsu when one of
    /// those placements is there. Booked for the worker's home county, so both sides of the pair see the one count.
    public static func contributions(of placements: [PlacementFact], worker: Worker) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        let groups = Dictionary(grouping: placements) { "\($0.startDate.year)|\($0.pairingID?.uuidString ?? "")" }
        for (_, group) in groups {
            let first = group.min { $0.startDate < $1.startDate }!
            func add(_ code: String, _ month: Int) {
                facts[FactKey(indicator: code, countyCode: worker.homeCounty, pairingID: first.pairingID, month: month), default: 0] += 1
            }
            add(IndicatorCatalogue.workersPlaced, first.startDate.monthKey)
            if worker.povertyStatus.countsAsPovertyLifted { add(IndicatorCatalogue.workersPlacedPovertyLifted, first.startDate.monthKey) }
            if let jiangsu = group.filter({ $0.placeCode.hasPrefix("32") }).min(by: { $0.startDate < $1.startDate }) {
                add(IndicatorCatalogue.workersPlacedInJiangsu, jiangsu.startDate.monthKey)
            }
        }
        return facts
    }
}
