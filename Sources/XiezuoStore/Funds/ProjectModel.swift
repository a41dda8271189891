import FluentKit
import FluentSQL
import Foundation
import SQLKit
import XiezuoCore

/// A row of `projects`.
final class ProjectModel: Model, @unchecked Sendable {
    static let schema = "projects"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "county_code") var countyCode: String
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "action_area") var actionArea: String
    @Field(key: "category") var category: String
    @Field(key: "budget") var budget: Int64
    @Field(key: "status") var status: String
    @OptionalField(key: "planned_start") var plannedStart: String?
    @OptionalField(key: "planned_end") var plannedEnd: String?
    @OptionalField(key: "actual_start") var actualStart: String?
    @OptionalField(key: "actual_end") var actualEnd: String?
    @Field(key: "households") var households: Int
    @Field(key: "persons") var persons: Int
    @Field(key: "poverty_households") var povertyHouseholds: Int
    @Field(key: "poverty_persons") var povertyPersons: Int
    @OptionalField(key: "description") var description: String?
    @Field(key: "change_seq") var changeSeq: Int64
    /// Running flow totals, kept by the flow writes (``ProjectFlowTotals``); the database defaults them to 0.
    @Field(key: "flows_committed") var flowsCommitted: Int64
    @Field(key: "flows_disbursed") var flowsDisbursed: Int64
    @Field(key: "flows_spent") var flowsSpent: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var project: Project {
        get throws {
            let row = StoredRow(Self.schema, id: id)
            return Project(id: id!, code: code, name: name, countyCode: countyCode, pairingID: pairingID, year: year,
                           actionArea: try row.choice(actionArea, as: ActionArea.self, column: "action_area"), category: category,
                           budget: budget, status: try row.choice(status, as: ProjectStatus.self, column: "status"),
                           plannedStart: try row.day(plannedStart, column: "planned_start"),
                           plannedEnd: try row.day(plannedEnd, column: "planned_end"),
                           actualStart: try row.day(actualStart, column: "actual_start"),
                           actualEnd: try row.day(actualEnd, column: "actual_end"),
                           beneficiaries: Beneficiaries(households: households, persons: persons,
                                                        povertyLiftedHouseholds: povertyHouseholds, povertyLiftedPersons: povertyPersons),
                           description: description)
        }
    }

    /// The running totals of the project's flows.
    var flowTotals: FlowTotals { FlowTotals(committed: flowsCommitted, disbursed: flowsDisbursed, spent: flowsSpent) }

    /// Copies every field of a project onto the row.
    func apply(_ project: Project) {
        id = project.id
        code = project.code
        name = project.name
        countyCode = project.countyCode
        pairingID = project.pairingID
        year = project.year
        actionArea = project.actionArea.rawValue
        category = project.category
        budget = project.budget
        status = project.status.rawValue
        plannedStart = project.plannedStart?.description
        plannedEnd = project.plannedEnd?.description
        actualStart = project.actualStart?.description
        actualEnd = project.actualEnd?.description
        households = project.beneficiaries.households
        persons = project.beneficiaries.persons
        povertyHouseholds = project.beneficiaries.povertyLiftedHouseholds
        povertyPersons = project.beneficiaries.povertyLiftedPersons
        description = project.description
    }
}

extension ProjectModel {
    /// What a flow write reads of a project: the project, its running flow totals and its pairing's Jiangsu region.
    typealias FlowContext = (project: Project, totals: FlowTotals, eastCode: String?)

    /// Projects with their running flow totals and pairing's Jiangsu region in one read (the flow writer's; the
    /// pairing joined so booking the facts needs no second query), keyed by id.
    static func read(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: FlowContext] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: FlowContext] = [:]
        for row in try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(schema)))
            .column(SQLColumn("east_code", table: PairingModel.schema), as: "pairing_east_code").from(schema)
            .join(PairingModel.schema, method: SQLJoinMethod.left, on: SQLColumn("id", table: PairingModel.schema), .equal,
                  SQLColumn("pairing_id", table: schema))
            .where(SQLColumn("id", table: schema), .in, SQLGroupExpression(ids.map { SQLBind($0) })).all() {
            let model = try row.decode(fluentModel: ProjectModel.self)
            result[model.id!] = (try model.project, model.flowTotals, try row.decode(column: "pairing_east_code", as: String?.self))
        }
        return result
    }
}
