import FluentKit
import Foundation
import SQLKit
import XiezuoCore

extension JobRepository {
    /// Imports an employer's list of postings, all or nothing. A row whose job this platform already has open (the
    /// same employer, title, county and wages) replaces its content when it differs and is left alone when it does
    /// not, so importing a list again changes nothing.
    public func importPostings(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                               by principal: Principal, today: Day? = nil) async throws -> ImportReport {
        let today = today ?? clock.today
        let (regions, clock, platform) = (self.regions, self.clock, self.platform)
        return try await ImportRunner(database: database).run(entity: "job_posting", records: records, preErrors: preErrors, dryRun: dryRun,
                                                              file: file, by: principal) { record, tx in
            let draft = try JobDraft.importing(record)
            let content = try draft.validated(in: regions, today: today)
            let employer: EmployerModel
            if principal.role == .enterprise, let own = principal.employerID, let model = try await EmployerModel.find(own, on: tx) {
                employer = model
            } else {
                guard let code = record["employerCreditCode"]?.uppercased() else { throw DomainError.invalid("employerCreditCode", "required") }
                guard let model = try await EmployerModel.query(on: tx).filter(\.$creditCode == code).first() else {
                    throw DomainError.invalid("employerCreditCode", "unknown_employer_code", ["code": code])
                }
                employer = model
            }
            let summary = "\(employer.name) · \(content.title) · \(content.headcount)"
            let key = JobText.duplicateKey(creditCode: employer.creditCode, title: content.title, countyCode: content.countyCode,
                                           wageMin: content.wageMin, wageMax: content.wageMax)
            let repository = JobRepository(database: tx, regions: regions, platform: platform, clock: clock)
            guard let existing = try await JobPostingModel.query(on: tx).filter(\.$duplicateKey == key).filter(\.$originPlatform == platform)
                .filter(\.$status == JobStatus.open.rawValue).first() else {
                _ = try await repository.create(draft, employerID: employer.id, by: principal, today: today)
                return (.create, summary)
            }
            let probe = JobPostingModel()
            probe.employerCreditCode = existing.employerCreditCode
            probe.apply(content)
            let same = probe.title == existing.title && probe.occupationCode == existing.occupationCode && probe.description == existing.description
                && probe.countyCode == existing.countyCode && probe.wageType == existing.wageType && probe.headcount == existing.headcount
                && probe.education == existing.education && probe.ageMin == existing.ageMin && probe.ageMax == existing.ageMax
                && probe.benefits == existing.benefits && probe.validThrough == existing.validThrough && probe.contactPerson == existing.contactPerson
            if same { return (.unchanged, summary) }
            _ = try await repository.update(try existing.requireID(), with: draft, by: principal, today: today)
            return (.update, summary)
        }
    }
}
