import FluentKit
import Foundation
import XiezuoCore

extension TrainingRepository {
    /// Imports a training roster, all or nothing: each row enrols the worker with that ID number in the programme
    /// (named, or by its id, among the programmes the importer's staff run) unless already enrolled, then records the
    /// steps the row dates that the enrolment has not reached yet; a row with nothing new is left alone.
    public func importEnrolments(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                                 cipher: PersonalDataCipher, by principal: Principal, today: Day? = nil) async throws -> ImportReport {
        let today = today ?? clock.today
        let (regions, clock) = (self.regions, self.clock)
        return try await ImportRunner(database: database).run(entity: "enrolment", records: records, preErrors: preErrors, dryRun: dryRun,
                                                              file: file, by: principal) { record, tx in
            let programme = try await Self.programme(named: record["programme"], by: principal, on: tx)
            let id = try IDCardNumber(record["idNumber"], today: today)
            // A number registered in another county reads as unknown: the roster says nothing of who is registered where.
            guard let worker = try await WorkerModel.query(on: tx).filter(\.$idIndex == cipher.blindIndex(id.value)).first(),
                  Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
                throw DomainError.invalid("idNumber", "unknown_worker")
            }
            let workerID = try worker.requireID()
            let repository = TrainingRepository(database: tx, regions: regions, clock: clock)
            let summary = "\(programme.name) · \(worker.name) · \(id.masked)"
            var action = ImportAction.unchanged
            var enrolment: TrainingEnrolment
            if let existing = try await repository.enrolments(of: programme.id, on: tx).first(where: { $0.workerID == workerID }) {
                enrolment = existing
            } else {
                enrolment = try await repository.enrol(workerID, in: programme.id, by: principal, today: today)
                action = .create
            }
            for (step, field) in EnrolmentImport.steps {
                guard let text = record[field], let day = Day(text) else { continue }
                let reached: Day? = switch step {
                case .completed: enrolment.completedOn
                case .certified: enrolment.certifiedOn
                case .employed: enrolment.employedOn
                case .dropped: enrolment.droppedOn
                }
                if reached != nil { continue }
                do {
                    enrolment = try await repository.record(enrolment.id, step, on: day, certificateNumber: record["certificateNumber"],
                                                            by: principal, today: today)
                } catch let error as DomainError where error.field == "date" || error.field == "step" {
                    throw DomainError(error.kind, code: error.code, field: field, messageKey: error.messageKey, arguments: error.arguments)
                }
                if action == .unchanged { action = .update }
            }
            return (action, summary)
        }
    }

    /// The programme a roster names: its id, or its exact name among the programmes of the principal's jurisdiction.
    static func programme(named text: String?, by principal: Principal, on database: any Database) async throws -> TrainingProgramme {
        guard let text, !text.isEmpty else { throw DomainError.invalid("programme", "required") }
        if let id = UUID(uuidString: text), let programme = try await Register<TrainingProgramme>.find(id, on: database),
           Permissions.canEditLaborRecord(principal, countyCode: programme.countyCode) {
            return programme
        }
        let matches = try await RegisterRow<TrainingProgramme>.query(on: database).filter(\.$name == text).all().map { try $0.record() }
            .filter { Permissions.canEditLaborRecord(principal, countyCode: $0.countyCode) }
        guard let first = matches.first else { throw DomainError.invalid("programme", "unknown_programme", ["name": text]) }
        guard matches.count == 1 else { throw DomainError.invalid("programme", "programme_ambiguous", ["name": text]) }
        return first
    }
}
