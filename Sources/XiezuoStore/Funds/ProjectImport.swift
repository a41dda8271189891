import FluentKit
import Foundation
import SQLKit
import XiezuoCore

extension ProjectRepository {
    /// Imports projects with their fund flows, all or nothing. A project is found by its code: its fields are
    /// replaced when a row gives them and they differ; a new project is created (approved when its row carries a flow,
    /// as flows need an approved project). A flow already recorded on the project (the same voucher number, or
    /// without one the same type, source, amount and date) is left alone, so importing a file again changes nothing.
    public func importProjects(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                               by principal: Principal, today: Day, clock: Clock) async throws -> ImportReport {
        let regions = self.regions
        return try await ImportRunner(database: database).run(entity: "project", records: records, preErrors: preErrors, dryRun: dryRun,
                                                              file: file, by: principal) { record, tx in
            guard let code = record["code"] else { throw DomainError.invalid("code", "required") }
            let repository = ProjectRepository(database: tx, regions: regions)
            var action = ImportAction.unchanged
            var project = try await ProjectModel.query(on: tx).filter(\.$code == code).first()?.project
            if let existing = project, !ProjectRepository.sees(principal, countyCode: existing.countyCode) {
                throw DomainError(.conflict, code: "code_taken", field: "code")
            }
            let flow = try ProjectImport.flow(record)
            if ProjectImport.describesProject(record) {
                var pairing: Pairing?
                if let partner = record["partnerRegion"] {
                    guard let county = record["countyCode"], let year = Int(record["year"] ?? ""),
                          let id = try await IndustryLedger.pairing(county: county, east: partner, year: year, on: tx) else {
                        throw DomainError.invalid("partnerRegion", "unknown_pairing")
                    }
                    pairing = try await PairingModel.find(id, on: tx)?.pairing
                }
                let draft = try ProjectImport.project(record, pairing: pairing?.id)
                if let existing = project {
                    let after = try draft.validated(in: regions, pairing: pairing, id: existing.id, status: existing.status)
                    if after != existing {
                        project = try await repository.update(existing.id, with: draft, by: principal)
                        action = .update
                    }
                } else {
                    project = try await repository.create(draft, status: flow == nil ? .reserve : .approved, by: principal)
                    action = .create
                }
            }
            guard let project else { throw DomainError.invalid("code", "unknown_project_code", ["code": code]) }
            var summary = "\(project.code) · \(project.name)"
            guard let flow else { return (action, summary) }
            let amount = flow.amount ?? 0
            summary += " · " + [flow.date, flow.voucher].compactMap { $0 }.joined(separator: " ")
            var match = FundFlowModel.query(on: tx).filter(\.$projectID == project.id).filter(\.$reversesID == nil)
            if let voucher = flow.voucher, !voucher.isEmpty {
                match = match.filter(\.$voucher == voucher)
            } else {
                match = match.filter(\.$type == (flow.type ?? "")).filter(\.$source == (flow.source ?? "")).filter(\.$amount == amount)
                    .filter(\.$day == (flow.date ?? ""))
            }
            if try await match.first() != nil { return (action, summary) }
            do {
                _ = try await FundFlowRepository(database: tx, clock: clock).record(on: project.id, flow, by: principal, today: today)
            } catch let error as DomainError {
                let fields = ["type": "flowType", "source": "flowSource", "amount": "flowAmount", "date": "flowDate"]
                guard let field = error.field, let column = fields[field] else { throw error }
                throw DomainError(error.kind, code: error.code, field: column, messageKey: error.messageKey, arguments: error.arguments)
            }
            return (action == .unchanged ? .create : action, summary)
        }
    }
}
