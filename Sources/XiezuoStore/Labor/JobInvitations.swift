import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// An invitation to apply, as the invited worker sees it.
public struct JobInvitation: Sendable, Codable, Hashable {
    public var id: UUID
    public var postingID: UUID
    public var title: String
    public var employerName: String
    public var countyCode: String
    public var invitedAt: Date?
}

/// Invitations to apply. The posting's side invites a candidate by the token its match list gave it (it never learns
/// who the worker is); the worker sees the invitation on their page and decides whether to apply, which is what
/// shows their profile to the employer.
extension WorkerMatching {
    /// Invites the candidate named by `token` to apply to the posting (its employer's accounts and the staff covering
    /// its county); inviting again changes nothing. Audited under the posting's county.
    public func invite(_ token: String?, to postingID: UUID, by principal: Principal) async throws {
        guard let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
              Permissions.servesPosting(principal, posting: posting) else {
            throw DomainError.notFound("job")
        }
        guard posting.status(on: clock.today) == .open else { throw DomainError.invalid("postingId", "job_not_open") }
        let workerID = try Candidates.worker(from: token, posting: postingID, cipher: cipher)
        try await database.writeTransaction { tx in
            guard let worker = try await WorkerModel.find(workerID, on: tx) else { throw DomainError.invalid("candidate", "unknown_candidate") }
            let sql = tx as! any SQLDatabase
            let existing = try await sql.select().column("id").from("job_invitations")
                .where("posting_id", .equal, SQLBind(postingID)).where("worker_id", .equal, SQLBind(workerID)).first()
            guard existing == nil else { return }
            let id = UUID()
            try await sql.insert(into: "job_invitations").columns("id", "posting_id", "worker_id", "invited_by", "created_at")
                .values(SQLBind(id), SQLBind(postingID), SQLBind(workerID), SQLBind(principal.name), SQLBind(Date())).run()
            // The entry names the posting, not the worker: the audit log's readers on the posting's side learn nothing new.
            try await AuditRecorder.record(on: tx, by: principal, action: "invite", entity: "job_invitation", entityID: id.uuidString,
                                           regionCode: posting.countyCode, partnerRegionCode: worker.homeCounty,
                                           before: Optional<String>.none, after: ["posting": postingID.uuidString])
        }
    }

    /// The open postings a worker has been invited to and not yet applied to, newest first (the worker and the staff
    /// covering them).
    public func invitations(of workerID: UUID, by principal: Principal, today: Day? = nil) async throws -> [JobInvitation] {
        let today = today ?? clock.today
        guard let model = try await WorkerModel.find(workerID, on: database),
              Permissions.canEditWorker(principal, homeCode: model.homeCode, accountID: model.accountID) else {
            throw DomainError.notFound("worker")
        }
        let sql = database as! any SQLDatabase
        let rows = try await sql.select().column("id").column("posting_id").column("created_at").from("job_invitations")
            .where("worker_id", .equal, SQLBind(workerID)).orderBy("created_at", .descending).limit(50).all()
        let applied = Set(try await ApplicationModel.query(on: database).filter(\.$workerID == workerID).all().map(\.postingID))
        var invitations: [JobInvitation] = []
        for row in rows {
            let postingID = try row.decode(column: "posting_id", as: UUID.self)
            guard !applied.contains(postingID), let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
                  posting.status(on: today) == .open else { continue }
            invitations.append(JobInvitation(id: try row.decode(column: "id", as: UUID.self), postingID: postingID, title: posting.title,
                                             employerName: posting.employerName, countyCode: posting.countyCode,
                                             invitedAt: try row.decode(column: "created_at", as: Date?.self)))
        }
        return invitations
    }
}
