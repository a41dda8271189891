import FluentKit
import Foundation
import Logging
import SQLKit
import XiezuoCore
import XiezuoSQLite

/// One flow someone asks to record.
public struct FlowRequest: Sendable {
    public var projectID: UUID
    public var draft: FlowDraft
    public var principal: Principal
    /// The day the request counts as made on: no flow may be dated after it.
    public var today: Day

    public init(projectID: UUID, draft: FlowDraft, principal: Principal, today: Day = Day(Date())) {
        self.projectID = projectID
        self.draft = draft
        self.principal = principal
        self.today = today
    }
}

/// Records fund flows in groups (group commit): the flows requested while one group is being written wait and are
/// written together in the next transaction, each still checked on its own and against the flows before it.
///
/// A group costs about as many statements as a single flow (change sequence, projects with their totals and pairings,
/// insert, totals, facts, audit), each a round trip to the database: under concurrent requests the whole group
/// shares them instead of every flow paying them, and flows no longer queue one by one for the write lock.
/// One writer per process. On an SQLite file it writes through the process's ``SQLiteWriter`` (a connection and
/// thread of its own), so its transactions never wait for the event loops' connections, which go on serving reads.
public actor FundFlowWriter {
    /// Where the writer's transactions run.
    public enum Target: Sendable {
        /// The process's own connection to its SQLite file (opened on first use, with a thread of its own; its
        /// owner closes it).
        case sqliteWriter(SQLiteWriter)
        /// Transactions of the app's database (PostgreSQL, or SQLite in memory).
        case database(any Database)
    }

    /// The most flows written in one transaction.
    public static let maxGroup = 256

    private struct Waiting {
        var request: FlowRequest
        var continuation: CheckedContinuation<FundFlow, any Error>
    }

    private let target: Target
    private let logger: Logger
    private var waiting: [Waiting] = []
    private var writing = false

    /// Creates a writer; nothing is opened until the first flow.
    public init(_ target: Target, logger: Logger) {
        self.target = target
        self.logger = logger
    }

    /// Records a flow with the next group; returns it, or throws its own refusal (another flow's does not matter).
    public func record(_ request: FlowRequest) async throws -> FundFlow {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(request: request, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.maxGroup))
            waiting.removeFirst(group.count)
            let outcomes = await write(group.map(\.request))
            for (waiter, outcome) in zip(group, outcomes) { waiter.continuation.resume(with: outcome) }
        }
        writing = false
    }

    /// Writes a group in one transaction. Should the transaction itself fail (not a refused flow, which only answers
    /// its own request), each flow is tried alone, so one flow's failure is not the others'.
    private func write(_ requests: [FlowRequest]) async -> [Result<FundFlow, any Error>] {
        do {
            return try await transaction { sql in try await FundFlowRepository.record(requests, on: sql) }
        } catch {
            guard requests.count > 1 else { return [.failure(error)] }
            var outcomes: [Result<FundFlow, any Error>] = []
            for request in requests { outcomes += await write([request]) }
            return outcomes
        }
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch target {
        case .database(let database):
            return try await database.writeTransaction { tx in try await body(tx as! any SQLDatabase) }
        case .sqliteWriter(let writer):
            defer { LocalCommits.add() }
            return try await writer.transaction(body)
        }
    }
}

extension FundFlowRepository {
    /// Records a group of flows in the caller's transaction; one outcome per request, in order.
    ///
    /// The group first takes its change-sequence numbers, which serialises writers on both databases, so no two
    /// groups check against the same old totals; within the group each flow is checked against the project's running
    /// totals with the flows before it added. A refused flow writes nothing and takes no number.
    static func record(_ requests: [FlowRequest], on sql: any SQLDatabase) async throws -> [Result<FundFlow, any Error>] {
        let numbers = try await ChangeSequence.reserve(requests.count, on: sql)
        let projectIDs = Array(Set(requests.map(\.projectID)))
        let read = try await ProjectModel.read(projectIDs, on: sql)
        let projects = read.mapValues(\.project)
        var eastCodes: [UUID: String] = [:]
        for context in read.values { if let pairing = context.project.pairingID, let east = context.eastCode { eastCodes[pairing] = east } }
        var totals = read.mapValues(\.totals)
        // Each flow dated in a locked year is refused on its own, so it does not take the group's others with it.
        let locks = try await PeriodLocks.locked(counties: Set(projects.values.map(\.countyCode)), on: sql)
        var outcomes: [Result<FundFlow, any Error>] = []
        var accepted: [(flow: FundFlow, project: Project, principal: Principal)] = []
        // Time-ordered ids: each group's flows go to the end of the primary key's index.
        for (request, id) in zip(requests, UUID.timeOrdered(requests.count)) {
            do {
                guard let project = projects[request.projectID], ProjectRepository.sees(request.principal, countyCode: project.countyCode) else {
                    throw DomainError.notFound("project")
                }
                guard Permissions.canEditProject(request.principal, countyCode: project.countyCode) else { throw DomainError.forbidden }
                let flow = try request.draft.validated(for: project, totals: totals[project.id] ?? FlowTotals(), today: request.today, id: id)
                let countyYear = PeriodLocks.CountyYear(county: project.countyCode, year: flow.date.year)
                if let name = locks[countyYear] { throw PeriodLocks.refusal(countyYear, name: name, field: "date") }
                totals[project.id, default: FlowTotals()].add(flow)
                accepted.append((flow, project, request.principal))
                outcomes.append(.success(flow))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        let unused = requests.count - accepted.count
        if unused > 0 { try await ChangeSequence.giveBack(unused, on: sql) }
        guard !accepted.isEmpty else { return outcomes }

        // Plain SQL, several rows a statement: the model's create costs more than the insert on this hot path.
        let now = Date()
        for start in stride(from: 0, to: accepted.count, by: 500) {
            var insert = sql.insert(into: FundFlowModel.schema)
                .columns("id", "project_id", "type", "source", "amount", "day", "month", "voucher", "note", "change_seq", "created_at")
            for (offset, entry) in accepted[start..<min(start + 500, accepted.count)].enumerated() {
                let flow = entry.flow
                insert = insert.values(SQLBind(flow.id), SQLBind(flow.projectID), SQLBind(flow.type.rawValue), SQLBind(flow.source.rawValue),
                                       SQLBind(flow.amount), SQLBind(flow.date.description), SQLBind(flow.date.monthKey), SQLBind(flow.voucher),
                                       SQLBind(flow.note), SQLBind(numbers.lowerBound + Int64(start + offset)), SQLBind(now))
            }
            try await insert.run()
        }
        try await ProjectFlowTotals.add(accepted.map(\.flow), on: sql)
        var facts: [FactKey: Int64] = [:]
        for entry in accepted {
            let sum = FlowSum(type: entry.flow.type, source: entry.flow.source, month: entry.flow.date.monthKey, amount: entry.flow.amount)
            facts.merge(FactRules.contributions(of: [sum], project: entry.project), uniquingKeysWith: +)
        }
        try await FactStore.book(facts, knownEastCodes: eastCodes, on: sql)
        try await AuditRecorder.record(try accepted.map {
            try AuditRecorder.Entry(by: $0.principal, action: "create", entity: "fund_flow", entityID: $0.flow.id.uuidString,
                                    regionCode: $0.project.countyCode, before: Optional<FundFlow>.none, after: $0.flow)
        }, on: sql)
        return outcomes
    }
}
