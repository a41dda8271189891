import Foundation

/// An assistance workshop (帮扶车间): a small factory in a village that employs local, mostly poverty-lifted, workers.
public struct AssistanceWorkshop: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    public var countyCode: String
    /// The village (or township) it stands in, as people name it.
    public var village: String
    public var owner: String
    public var product: String
    /// The day it opened; it counts for the indicators from that month.
    public var opened: Day
    /// Workers employed now, and of them poverty-lifted.
    public var workers: Int
    public var workersPovertyLifted: Int
    /// The Jiangsu enterprise or region that helped build it, if any.
    public var partner: String?
    public var generated: Bool

    public init(id: UUID, name: String, countyCode: String, village: String, owner: String, product: String, opened: Day, workers: Int,
                workersPovertyLifted: Int, partner: String?, generated: Bool = false) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.village = village
        self.owner = owner
        self.product = product
        self.opened = opened
        self.workers = workers
        self.workersPovertyLifted = workersPovertyLifted
        self.partner = partner
        self.generated = generated
    }
}

/// What someone submits to record or edit an assistance workshop.
public struct AssistanceWorkshopDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var countyCode: String?
    public var village: String?
    public var owner: String?
    public var product: String?
    public var opened: String?
    public var workers: Int?
    public var workersPovertyLifted: Int?
    public var partner: String?

    public init(name: String? = nil, countyCode: String? = nil, village: String? = nil, owner: String? = nil, product: String? = nil,
                opened: String? = nil, workers: Int? = nil, workersPovertyLifted: Int? = nil, partner: String? = nil) {
        self.name = name
        self.countyCode = countyCode
        self.village = village
        self.owner = owner
        self.product = product
        self.opened = opened
        self.workers = workers
        self.workersPovertyLifted = workersPovertyLifted
        self.partner = partner
    }

    /// Checks every field; the poverty-lifted workers are part of the workers, the opening day is not in the future.
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> AssistanceWorkshop {
        let workers = try Validate.count(workers, field: "workers")
        let lifted = try Validate.count(workersPovertyLifted, field: "workersPovertyLifted")
        guard lifted <= workers else { throw .invalid("workersPovertyLifted", "part_exceeds_whole") }
        guard workers <= 100_000 else { throw .invalid("workers", "amount_too_large") }
        return AssistanceWorkshop(
            id: id, name: try IndustryValidate.line(name, field: "name", max: 100),
            countyCode: try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions),
            village: try IndustryValidate.line(village, field: "village", max: 60), owner: try IndustryValidate.line(owner, field: "owner", max: 100),
            product: try IndustryValidate.line(product, field: "product", max: 100),
            opened: try IndustryValidate.day(opened, field: "opened", required: true, notAfter: today)!, workers: workers,
            workersPovertyLifted: lifted, partner: try Validate.text(partner, field: "partner", max: 100, required: false))
    }
}

extension FactRules {
    /// A workshop counts, with the workers it employs, from the month it opened (stock indicators: a later edit of the
    /// workers moves the figure for every year from then on).
    public static func contributions(of workshop: AssistanceWorkshop) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        func add(_ code: String, _ value: Int) {
            guard value != 0 else { return }
            facts[FactKey(indicator: code, countyCode: workshop.countyCode, pairingID: nil, month: workshop.opened.monthKey)] = Int64(value)
        }
        add(IndicatorCatalogue.workshops, 1)
        add(IndicatorCatalogue.workshopJobs, workshop.workers)
        add(IndicatorCatalogue.workshopJobsPovertyLifted, workshop.workersPovertyLifted)
        return facts
    }
}
