import Foundation

/// One recorded write: who did what to which record, with a summary of the record before and after.
public struct AuditEntry: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var at: Date
    /// The acting account, nil for the command line.
    public var actorID: UUID?
    public var actorName: String
    /// `create`, `update`, `disable`, `revoke`, `login`, …
    public var action: String
    /// The kind of record, e.g. `pairing` or `account`.
    public var entity: String
    public var entityID: String
    /// The region the record belongs to, so staff see the entries of their jurisdiction.
    public var regionCode: String?
    /// The other region a record belongs to as well (the Jiangsu side of a pairing), so both sides see it.
    public var partnerRegionCode: String?
    /// A short JSON summary of the record before the write, nil on create.
    public var before: String?
    /// A short JSON summary after the write, nil on delete.
    public var after: String?

    /// Creates an entry.
    public init(id: UUID, at: Date, actorID: UUID?, actorName: String, action: String, entity: String,
                entityID: String, regionCode: String?, partnerRegionCode: String? = nil, before: String?, after: String?) {
        self.id = id
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.regionCode = regionCode
        self.partnerRegionCode = partnerRegionCode
        self.before = before
        self.after = after
    }
}

/// Which audit entries to list.
public struct AuditFilter: Sendable, Equatable {
    public var entity: String?
    public var action: String?
    public var actor: String?
    public var regionCode: String?
    public var from: Date?
    public var to: Date?

    /// Creates a filter; nil fields do not filter.
    public init(entity: String? = nil, action: String? = nil, actor: String? = nil, regionCode: String? = nil,
                from: Date? = nil, to: Date? = nil) {
        self.entity = entity
        self.action = action
        self.actor = actor
        self.regionCode = regionCode
        self.from = from
        self.to = to
    }
}
