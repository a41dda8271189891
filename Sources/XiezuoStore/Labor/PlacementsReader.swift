import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// A placement as the figures count it, without the worker's personal details: where the worker comes from, the
/// job (title, employer, place), when it started, the pairing credited and whether it was reversed.
public struct PlacementRecord: Sendable, Codable, Equatable {
    public var applicationID: UUID
    public var homeCounty: String
    public var startDate: Day
    public var title: String
    public var employer: String
    /// Where the job is (the posting's county, or the hire's place).
    public var placeCode: String
    public var pairingID: UUID?
    public var reversed: Bool
}

/// The placements of the workers of a Shaanxi region in a year: for the staff of the region, and for the staff of the
/// Jiangsu regions paired with it that year (who never see the workers themselves).
public struct PlacementsReader: Sendable {
    let database: any Database
    let regions: RegionDirectory

    /// Creates a reader over `database`.
    public init(database: any Database, regions: RegionDirectory) {
        self.database = database
        self.regions = regions
    }

    /// The placements starting in `year` of workers whose home is in `region`, newest first.
    public func list(year: Int, region: String, by principal: Principal, page: Paging = Paging()) async throws -> Paged<PlacementRecord> {
        _ = try Validate.year(year, field: "year", required: true)
        guard principal.role?.isStaff == true, regions[region] != nil, region.hasPrefix("61") else { throw DomainError.notFound("region") }
        if !principal.scope.covers(region) {
            guard try await PairedRegions.partnered(principal, with: region, year: year, on: database) else {
                throw DomainError.notFound("region")
            }
        }
        let sql = database as! any SQLDatabase
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from(SQLAlias(SQLIdentifier("applications"), as: SQLIdentifier("a")))
                .join(SQLAlias(SQLIdentifier("workers"), as: SQLIdentifier("w")), on: SQLColumn("id", table: "w"), .equal, SQLColumn("worker_id", table: "a"))
                .join(SQLAlias(SQLIdentifier("job_postings"), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal,
                      SQLColumn("posting_id", table: "a"))
                .where(SQLColumn("status", table: "a"), .equal, SQLBind(ApplicationStatus.hired.rawValue))
                .where(SQLColumn("start_date", table: "a"), .greaterThanOrEqual, SQLBind("\(year)-01-01"))
                .where(SQLColumn("start_date", table: "a"), .lessThanOrEqual, SQLBind("\(year)-12-31"))
                .where(SQLColumn("home_county", table: "w"), .like, SQLBind(region + "%"))
        }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(sql.select()
            .column(SQLColumn("id", table: "a"), as: "id").column(SQLColumn("start_date", table: "a"), as: "start_date")
            .column(SQLColumn("place_code", table: "a"), as: "place_code").column(SQLColumn("pairing_id", table: "a"), as: "pairing_id")
            .column(SQLColumn("home_county", table: "w"), as: "home_county").column(SQLColumn("title", table: "p"), as: "title")
            .column(SQLColumn("employer_name", table: "p"), as: "employer").column(SQLColumn("county_code", table: "p"), as: "county_code"))
            .orderBy(SQLOrderBy(expression: SQLColumn("start_date", table: "a"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "a"), direction: SQLDirection.ascending))
            .limit(page.perPage).offset(page.offset).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let reversed = try await PlacementReversalModel.of(ids, on: database)
        let items = try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let start = try row.decode(column: "start_date", as: String.self)
            return PlacementRecord(
                applicationID: id, homeCounty: try row.decode(column: "home_county", as: String.self),
                startDate: try StoredRow("applications", id: id).day(start, column: "start_date"),
                title: try row.decode(column: "title", as: String.self), employer: try row.decode(column: "employer", as: String?.self) ?? "",
                placeCode: try row.decode(column: "place_code", as: String?.self) ?? row.decode(column: "county_code", as: String.self),
                pairingID: try row.decode(column: "pairing_id", as: UUID?.self), reversed: reversed[id] != nil)
        }
        return Paged(items: items, total: total, request: page)
    }
}
