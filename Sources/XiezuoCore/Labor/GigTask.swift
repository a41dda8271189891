import Foundation

/// How a gig pays.
public enum GigPayUnit: String, Sendable, Codable, CaseIterable {
    case day, hour
}

/// A short task posted at a gig market (零工岗位): a day's or a few hours' work.
public struct GigTask: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var marketID: UUID
    /// The market's county, kept here for jurisdiction and filters.
    public var countyCode: String
    public var title: String
    public var date: Day
    /// Where the work is, as people name it.
    public var place: String
    /// Pay in fen per `payUnit`.
    public var pay: Int64
    public var payUnit: GigPayUnit
    public var headcount: Int
    public var description: String?

    public init(id: UUID, marketID: UUID, countyCode: String, title: String, date: Day, place: String, pay: Int64, payUnit: GigPayUnit,
                headcount: Int, description: String?) {
        self.id = id
        self.marketID = marketID
        self.countyCode = countyCode
        self.title = title
        self.date = date
        self.place = place
        self.pay = pay
        self.payUnit = payUnit
        self.headcount = headcount
        self.description = description
    }
}

/// What someone submits to post or edit a gig.
public struct GigTaskDraft: Sendable, Codable, Equatable {
    public var title: String?
    public var date: String?
    public var place: String?
    public var pay: Int64?
    public var payUnit: String?
    public var headcount: Int?
    public var description: String?

    public init(title: String? = nil, date: String? = nil, place: String? = nil, pay: Int64? = nil, payUnit: String? = nil,
                headcount: Int? = nil, description: String? = nil) {
        self.title = title
        self.date = date
        self.place = place
        self.pay = pay
        self.payUnit = payUnit
        self.headcount = headcount
        self.description = description
    }

    /// Checks every field: a new gig is not dated in the past (an edit may keep its day), pay is positive, at least one
    /// person is wanted.
    public func validated(id: UUID, market: GigMarket, today: Day, existingDate: Day?) throws(DomainError) -> GigTask {
        let date = try IndustryValidate.day(date, field: "date", required: true, notAfter: nil)!
        if date < today, date != existingDate { throw .invalid("date", "in_past") }
        let unitText = try Validate.required(payUnit, field: "payUnit", max: 10)
        guard let unit = GigPayUnit(rawValue: unitText) else { throw .invalid("payUnit", "unknown_choice", ["value": unitText]) }
        let pay = try Validate.fen(pay, field: "pay", required: true, positive: true)!
        guard pay <= 1_000_000 else { throw .invalid("pay", "amount_too_large") }
        let headcount = try Validate.count(headcount, field: "headcount")
        guard headcount > 0 else { throw .invalid("headcount", "must_be_positive") }
        guard headcount <= 1_000 else { throw .invalid("headcount", "amount_too_large") }
        return GigTask(id: id, marketID: market.id, countyCode: market.countyCode, title: try IndustryValidate.line(title, field: "title", max: 100),
                       date: date, place: try IndustryValidate.line(place, field: "place", max: 200), pay: pay, payUnit: unit,
                       headcount: headcount, description: try Validate.text(description, field: "description", max: 1000, required: false))
    }
}

/// Where a worker's sign-up for a gig stands.
public enum GigSignupStatus: String, Sendable, Codable, CaseIterable {
    case signedUp = "signed_up"
    case completed, cancelled
}

/// A worker signed up for a gig, and whether the work was done.
public struct GigSignup: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var taskID: UUID
    public var workerID: UUID
    /// The market's county.
    public var countyCode: String
    public var status: GigSignupStatus
    public var signedUpOn: Day
    /// When the work was confirmed done, and the pay the worker received for it (fen).
    public var completedOn: Day?
    public var paid: Int64?

    public init(id: UUID, taskID: UUID, workerID: UUID, countyCode: String, status: GigSignupStatus, signedUpOn: Day, completedOn: Day? = nil, paid: Int64? = nil) {
        self.id = id
        self.taskID = taskID
        self.workerID = workerID
        self.countyCode = countyCode
        self.status = status
        self.signedUpOn = signedUpOn
        self.completedOn = completedOn
        self.paid = paid
    }
}
