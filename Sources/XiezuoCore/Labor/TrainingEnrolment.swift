import Foundation

/// A trainee's steps: enrolled → completed (结业) → certified (取证) and, at any point after completing, employed.
/// An enrolled trainee may also drop out.
public enum EnrolmentStep: String, Sendable, Codable, CaseIterable {
    case completed, certified, employed, dropped
}

/// One worker's place in a training programme and what came of it.
public struct TrainingEnrolment: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var programmeID: UUID
    public var workerID: UUID
    /// The programme's county.
    public var countyCode: String
    public var enrolledOn: Day
    public var completedOn: Day?
    public var certifiedOn: Day?
    public var certificateNumber: String?
    /// The day the trainee started work after the training.
    public var employedOn: Day?
    public var droppedOn: Day?

    public init(id: UUID, programmeID: UUID, workerID: UUID, countyCode: String, enrolledOn: Day, completedOn: Day? = nil, certifiedOn: Day? = nil,
                certificateNumber: String? = nil, employedOn: Day? = nil, droppedOn: Day? = nil) {
        self.id = id
        self.programmeID = programmeID
        self.workerID = workerID
        self.countyCode = countyCode
        self.enrolledOn = enrolledOn
        self.completedOn = completedOn
        self.certifiedOn = certifiedOn
        self.certificateNumber = certificateNumber
        self.employedOn = employedOn
        self.droppedOn = droppedOn
    }

    /// Where the trainee stands, as one word for lists: dropped, employed, certified, completed or enrolled.
    public var stage: String {
        if droppedOn != nil { return "dropped" }
        if employedOn != nil { return "employed" }
        if certifiedOn != nil { return "certified" }
        if completedOn != nil { return "completed" }
        return "enrolled"
    }

    /// Records a step on `day`, refusing a step out of order, twice, before the programme starts, after today, or with
    /// no certificate number for a certificate.
    public func recording(_ step: EnrolmentStep, on day: Day, certificateNumber: String?, programme: TrainingProgramme,
                          today: Day) throws(DomainError) -> TrainingEnrolment {
        guard day <= today else { throw .invalid("date", "in_future") }
        guard programme.startDate <= day else { throw .invalid("date", "before_training_start") }
        guard droppedOn == nil else { throw .invalid("step", "enrolment_dropped") }
        var next = self
        switch step {
        case .completed:
            guard completedOn == nil else { throw .invalid("step", "step_already_recorded") }
            next.completedOn = day
        case .certified:
            guard let completed = completedOn else { throw .invalid("step", "not_completed") }
            guard certifiedOn == nil else { throw .invalid("step", "step_already_recorded") }
            guard completed <= day else { throw .invalid("date", "before_completion") }
            next.certificateNumber = try IndustryValidate.line(certificateNumber, field: "certificateNumber", max: 40)
            next.certifiedOn = day
        case .employed:
            guard let completed = completedOn else { throw .invalid("step", "not_completed") }
            guard employedOn == nil else { throw .invalid("step", "step_already_recorded") }
            guard completed <= day else { throw .invalid("date", "before_completion") }
            next.employedOn = day
        case .dropped:
            guard completedOn == nil else { throw .invalid("step", "already_completed") }
            next.droppedOn = day
        }
        return next
    }
}

extension FactRules {
    /// A trainee counts as trained in the month they complete, as certified in the month of the certificate and as
    /// employed after training in the month they start work, for the programme's county and pairing.
    public static func contributions(of enrolment: TrainingEnrolment, programme: TrainingProgramme) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        func add(_ code: String, _ day: Day?) {
            guard let day else { return }
            facts[FactKey(indicator: code, countyCode: programme.countyCode, pairingID: programme.pairingID, month: day.monthKey), default: 0] += 1
        }
        add(IndicatorCatalogue.trainingCompletions, enrolment.completedOn)
        add(IndicatorCatalogue.trainingCertified, enrolment.certifiedOn)
        add(IndicatorCatalogue.trainingEmployed, enrolment.employedOn)
        return facts
    }
}
