import FluentKit
import Foundation
import XiezuoCore

/// A record of one of the registers (training, brands, gig markets, trips, workshops, regional brands, sales events,
/// procurement). They share one table shape: the columns lists filter and sort on (``RegisterColumns``), and the
/// record in its stored shape (``Stored``) in `body`.
protocol RegisterRecord: Codable, Sendable {
    /// How it is kept in `body`.
    associatedtype Stored: StoredShape where Stored.Value == Self
    /// Its table and what goes into the table's list columns.
    static var register: RegisterColumns<Self> { get }
    var id: UUID { get }
}

/// The table of a register and what of a record goes into its list columns.
struct RegisterColumns<Record>: Sendable {
    /// The table it is kept in.
    let table: String
    /// The county whose staff keep it (jurisdiction and region filters).
    let county: @Sendable (Record) -> String
    /// The record it belongs to (an enrolment's programme, a gig's market, a sign-up's gig).
    var parent: @Sendable (Record) -> UUID? = { _ in nil }
    /// The worker it is about, if one.
    var worker: @Sendable (Record) -> UUID? = { _ in nil }
    /// The day lists sort by, `yyyy-MM-dd`.
    var day: @Sendable (Record) -> String? = { _ in nil }
    /// A short status or kind for filters.
    let status: @Sendable (Record) -> String
    /// What a search matches.
    var name: @Sendable (Record) -> String = { _ in "" }
}

extension RegisterRecord {
    /// The county whose staff keep it.
    var registerCounty: String { Self.register.county(self) }
    /// What a search matches (unique where the table says so).
    var registerName: String { Self.register.name(self) }
}

/// A row of a register table.
final class RegisterRow<Record: RegisterRecord>: Model, @unchecked Sendable {
    static var schema: String { Record.register.table }

    @ID(key: .id) var id: UUID?
    @Field(key: "county_code") var countyCode: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @OptionalField(key: "worker_id") var workerID: UUID?
    @OptionalField(key: "day") var day: String?
    @Field(key: "status") var status: String
    @Field(key: "name") var name: String
    @Field(key: "body") var body: StoredBody<Record.Stored>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func record() throws -> Record { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ record: Record, seq: Int64) throws {
        id = record.id
        let columns = Record.register
        countyCode = columns.county(record)
        parentID = columns.parent(record)
        workerID = columns.worker(record)
        day = columns.day(record)
        status = columns.status(record)
        name = columns.name(record)
        body = StoredBody(Record.Stored(record))
        changeSeq = seq
    }
}

/// Reads and writes of one register table.
struct Register<Record: RegisterRecord> {
    typealias Row = RegisterRow<Record>

    /// The stored record with this id.
    static func find(_ id: UUID, on database: any Database) async throws -> Record? {
        try await Row.find(id, on: database)?.record()
    }

    /// The first record of a county with this day and name (a register's natural key for imports).
    static func first(county: String, day: String?, name: String, on database: any Database) async throws -> Record? {
        var query = Row.query(on: database).filter(\.$countyCode == county).filter(\.$name == name)
        if let day { query = query.filter(\.$day == day) }
        return try await query.sort(\.$id).first()?.record()
    }

    /// Inserts or replaces `record`.
    static func save(_ record: Record, seq: Int64, on database: any Database) async throws {
        let row = try await Row.find(record.id, on: database) ?? Row()
        try row.apply(record, seq: seq)
        try await row.save(on: database)
    }

    /// Removes the record with this id.
    static func delete(_ id: UUID, on database: any Database) async throws {
        try await Row.query(on: database).filter(\.$id == id).delete()
    }

    /// A query over the table, narrowed to a region (by county) when one is given.
    static func query(region: String?, on database: any Database) -> QueryBuilder<Row> {
        let query = Row.query(on: database)
        if let region { query.within(.region(region), columns: "county_code") }
        return query
    }

    /// How a page of a register is ordered.
    enum Order {
        /// By day, latest first, then by name.
        case newestFirst
        /// By day, soonest first, then by name.
        case soonestFirst
        /// By county, then by name (registers without a day: brands, markets).
        case countyThenName
    }

    /// One page of `query` in `order`.
    static func page(_ query: @escaping () -> QueryBuilder<Row>, paging: Paging, order: Order = .newestFirst) async throws -> Paged<Record> {
        let total = try await query().count()
        let sorted = switch order {
        case .newestFirst: query().sort(\.$day, .descending).sort(\.$name)
        case .soonestFirst: query().sort(\.$day, .ascending).sort(\.$name)
        case .countyThenName: query().sort(\.$countyCode).sort(\.$name)
        }
        let rows = try await sorted.range(paging.offset..<(paging.offset + paging.perPage)).all()
        return Paged(items: try rows.map { try $0.record() }, total: total, request: paging)
    }
}
