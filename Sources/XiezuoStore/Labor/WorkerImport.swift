import FluentKit
import Foundation
import XiezuoCore

extension WorkerRepository {
    /// Imports an officer's roster, all or nothing: a worker whose ID number is registered has their fields replaced
    /// when they differ and is left alone when they do not, so importing a roster again changes nothing.
    public func importWorkers(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                              by principal: Principal, today: Day? = nil) async throws -> ImportReport {
        let today = today ?? clock.today
        let (regions, cipher, clock) = (self.regions, self.cipher, self.clock)
        return try await ImportRunner(database: database).run(entity: "worker", records: records, preErrors: preErrors, dryRun: dryRun,
                                                              file: file, by: principal) { record, tx in
            let draft = try WorkerDraft.importing(record)
            let checked = try draft.validated(in: regions, today: today, requireConsent: true)
            guard Permissions.canEditWorker(principal, homeCode: checked.homeCode, accountID: nil) else { throw DomainError.forbidden }
            let repository = WorkerRepository(database: tx, regions: regions, cipher: cipher, clock: clock)
            let summary = "\(checked.name) · \(checked.idNumber.masked)"
            guard let existing = try await WorkerModel.query(on: tx).filter(\.$idIndex == cipher.blindIndex(checked.idNumber.value)).first() else {
                _ = try await repository.register(draft, by: principal, today: today)
                return (.create, summary)
            }
            let before = try existing.masked()
            guard Permissions.canEditWorker(principal, homeCode: before.homeCode, accountID: nil) else { throw DomainError(.conflict, code: "id_registered", field: "idNumber") }
            let phone = try cipher.open(existing.phoneSealed)
            let same = before.name == checked.name && before.homeCode == checked.homeCode && before.povertyStatus == checked.povertyStatus
                && before.education == checked.education && before.skills == checked.skills && before.wishedOccupations == checked.wishedOccupations
                && before.preferredPlaces == checked.preferredPlaces && before.pairedCities == checked.pairedCities
                && before.minWage == checked.minWage && before.certificates == checked.certificates
                && phone == checked.phone
            if same { return (.unchanged, summary) }
            _ = try await repository.update(try existing.requireID(), with: draft, by: principal, today: today)
            return (.update, summary)
        }
    }
}
