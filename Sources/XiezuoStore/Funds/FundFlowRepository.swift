import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Fund flows: recorded against the rules (approved projects, no future dates, disbursed ≤ committed,
/// spent ≤ disbursed) with their facts in the same transaction.
public struct FundFlowRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let writer: FundFlowWriter?

    /// Creates a repository over `database`. With a `writer`, flows are recorded through it, together with the
    /// flows other requests record at the same moment; without one, each in a transaction of its own.
    public init(database: any Database, writer: FundFlowWriter? = nil, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.writer = writer
    }

    /// Records a flow on a project in the principal's jurisdiction.
    public func record(on projectID: UUID, _ draft: FlowDraft, by principal: Principal, today: Day? = nil) async throws -> FundFlow {
        let today = today ?? clock.today
        let request = FlowRequest(projectID: projectID, draft: draft, principal: principal, today: today)
        if let writer { return try await writer.record(request) }
        return try await database.writeTransaction { tx in try await Self.record([request], on: tx as! any SQLDatabase)[0].get() }
    }

    /// A project's flows, newest first, if the project is in the principal's jurisdiction.
    public func list(of projectID: UUID, by principal: Principal) async throws -> [FundFlow] {
        try await list(of: projectID, by: principal, page: Paging(page: 1, batchOf: Int(Int32.max))).items
    }

    /// One page of a project's flows, newest first (the day, then the moment recorded), each with the reversal that
    /// reverses it, if any, wherever that reversal is in the list.
    public func list(of projectID: UUID, by principal: Principal, page: Paging) async throws -> Paged<FundFlow> {
        _ = try await ProjectRepository(database: database, regions: RegionDirectory([])).readable(projectID, by: principal, on: database)
        let total = try await FundFlowModel.query(on: database).filter(\.$projectID == projectID).count()
        var flows = try await FundFlowModel.query(on: database).filter(\.$projectID == projectID)
            .sort(\.$day, .descending).sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .range(page.offset..<(page.offset + page.perPage)).all().map { try $0.flow }
        if !flows.isEmpty {
            let reversals = try await FundFlowModel.query(on: database).filter(\.$projectID == projectID)
                .filter(\.$reversesID ~~ flows.map { Optional($0.id) }).all()
            let reversedBy = Dictionary(reversals.compactMap { model in model.reversesID.map { ($0, model.id!) } }, uniquingKeysWith: { first, _ in first })
            for index in flows.indices { flows[index].reversedBy = reversedBy[flows[index].id] }
        }
        return Paged(items: flows, total: total, request: page)
    }

    /// The days of some of a project's flows (a reversal's original, when it is on another page of the list).
    public func days(of ids: Set<UUID>, on projectID: UUID) async throws -> [UUID: Day] {
        guard !ids.isEmpty else { return [:] }
        let flows = try await FundFlowModel.query(on: database).filter(\.$projectID == projectID).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(try flows.map { ($0.id!, try $0.flow.date) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reverses a flow (红字冲销): books a flow of the opposite amount on the original's day, linked to it, with the
    /// reason; moves the project's totals and the facts back in the same transaction. Only staff who may edit the
    /// project; once per flow; never a reversal, nor a reversal that would leave more disbursed than committed or
    /// more spent than disbursed.
    public func reverse(_ flowID: UUID, on projectID: UUID, _ draft: ReversalDraft, by principal: Principal) async throws -> FundFlow {
        let reason = try draft.validated()
        return try await database.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            // The change sequence first: it serialises this write with the flow writer's groups, so the totals read
            // next are the ones the reversal is checked against.
            let seq = try await ChangeSequence.next(on: tx)
            guard let context = try await ProjectModel.read([projectID], on: sql)[projectID],
                  ProjectRepository.sees(principal, countyCode: context.project.countyCode) else {
                throw DomainError.notFound("project")
            }
            guard Permissions.canEditProject(principal, countyCode: context.project.countyCode) else { throw DomainError.forbidden }
            guard let original = try await FundFlowModel.query(on: tx).filter(\.$id == flowID).filter(\.$projectID == projectID).first()?.flow else {
                throw DomainError.notFound("fund_flow")
            }
            if try await FundFlowModel.query(on: tx).filter(\.$reversesID == flowID).first() != nil { throw DomainError.alreadyReversed }
            // Every flow of a locked year is refused, even one that moves no figure (local matching funds).
            try await PeriodLocks.check([PeriodLocks.CountyYear(county: context.project.countyCode, year: original.date.year)], on: sql)
            let reversal = try original.reversal(id: UUID(), reason: reason, totals: context.totals)
            try await FundFlowModel(reversal, changeSeq: seq).create(on: tx)
            try await ProjectFlowTotals.add([reversal], on: sql)
            let sum = FlowSum(type: reversal.type, source: reversal.source, month: reversal.date.monthKey, amount: reversal.amount)
            try await FactStore(database: tx).book(FactRules.contributions(of: [sum], project: context.project).filter { $0.value != 0 })
            try await AuditRecorder.record(on: tx, by: principal, action: "reverse", entity: "fund_flow", entityID: original.id.uuidString,
                                           regionCode: context.project.countyCode, before: original, after: reversal)
            return reversal
        }
    }

    /// The project's committed, disbursed and spent totals.
    public func totals(of projectID: UUID, by principal: Principal) async throws -> FlowTotals {
        try await ProjectRepository(database: database, regions: RegionDirectory([])).readable(projectID, by: principal, on: database).flowTotals
    }

    /// A project's flows summed by type, source and month, as the fact rules take them.
    static func sums(of projectID: UUID, on database: any Database) async throws -> [FlowSum] {
        let rows = try await (database as! any SQLDatabase).select().columns("type", "source", "month")
            .column(sumAsBigint("amount"), as: "total")
            .from("fund_flows").where("project_id", .equal, SQLBind(projectID))
            .groupBy("type").groupBy("source").groupBy("month").all()
        return try rows.compactMap { row in
            guard let type = FlowType(rawValue: try row.decode(column: "type", as: String.self)),
                  let source = FundSource(rawValue: try row.decode(column: "source", as: String.self)) else { return nil }
            return FlowSum(type: type, source: source, month: try row.decode(column: "month", as: Int.self),
                           amount: try row.decode(column: "total", as: Int64.self))
        }
    }
}
