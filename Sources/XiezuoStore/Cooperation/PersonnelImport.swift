import FluentKit
import Foundation
import XiezuoCore

extension CooperationRegisters {
    /// Imports persons exchanged, all or nothing: a row whose person (name, employer, region and start) is already
    /// recorded replaces its fields when they differ and is left alone when they do not, so importing a file again
    /// changes nothing.
    public func importPersons(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                              by principal: Principal) async throws -> ImportReport {
        let regions = self.regions
        let clock = self.clock
        return try await ImportRunner(database: database).run(entity: "personnel_exchange", records: records, preErrors: preErrors,
                                                              dryRun: dryRun, file: file, by: principal) { record, tx in
            let draft = PersonnelExchangeDraft(importing: record)
            let person = try draft.validated(in: regions, id: UUID())
            let registers = CooperationRegisters(database: tx, regions: regions, clock: clock)
            let summary = "\(person.name) · \(person.employer) · \(person.from)"
            if let existing = try await Register<PersonnelExchange>.first(county: person.regionCode, day: person.from.description,
                                                                          name: person.name + " " + person.employer, on: tx) {
                guard Self.keeps(principal, existing.regionCode) else { throw DomainError.forbidden }
                var same = person
                same.id = existing.id
                same.generated = existing.generated
                if same == existing { return (.unchanged, summary) }
                try await registers.savePerson(draft, id: existing.id, by: principal)
                return (.update, summary)
            }
            try await registers.savePerson(draft, by: principal)
            return (.create, summary)
        }
    }
}
