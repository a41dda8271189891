import Foundation
import SQLKit
import XiezuoCore

/// The lock of approved years, checked by every write that changes figures.
///
/// Every such write books its facts through `FactStore.book` in its own transaction, so the check lives there: a
/// delta that would move a county's figures of a year the province has approved throws `period_locked` and the
/// transaction writes nothing. Writes that book no facts (a project's name, a posting) do not change the figures the
/// year was approved with and are not refused.
enum PeriodLocks {
    /// A county's year.
    struct CountyYear: Hashable {
        var county: String
        var year: Int
    }

    /// The county years a fact delta would change (non-zero values only).
    static func touched(by delta: [FactKey: Int64]) -> Set<CountyYear> {
        Set(delta.compactMap { $0.value == 0 ? nil : CountyYear(county: $0.key.countyCode, year: $0.key.month / 100) })
    }

    /// The locked ones among `keys`, each with its county's name.
    static func locked(_ keys: Set<CountyYear>, on sql: any SQLDatabase) async throws -> [CountyYear: String] {
        guard !keys.isEmpty else { return [:] }
        return try await locked(counties: Set(keys.map(\.county)), on: sql).filter { keys.contains($0.key) }
    }

    /// Every locked year of `counties`, each with its county's name.
    static func locked(counties: Set<String>, on sql: any SQLDatabase) async throws -> [CountyYear: String] {
        let counties = Array(counties)
        var result: [CountyYear: String] = [:]
        for start in stride(from: 0, to: counties.count, by: 500) {
            let rows = try await sql.raw("""
                SELECT p.year, p.county_code, r.name FROM periods p LEFT JOIN regions r ON r.code = p.county_code
                WHERE p.state = \(bind: PeriodState.approved.rawValue)
                  AND p.county_code IN (\(binds: Array(counties[start..<min(start + 500, counties.count)])))
                """).all()
            for row in rows {
                let key = CountyYear(county: try row.decode(column: "county_code", as: String.self), year: try row.decode(column: "year", as: Int.self))
                result[key] = try row.decode(column: "name", as: String?.self) ?? key.county
            }
        }
        return result
    }

    /// The refusal of a write to a locked county year.
    static func refusal(_ key: CountyYear, name: String, field: String? = nil) -> DomainError {
        DomainError.periodLocked(year: key.year, county: key.county, countyName: name, field: field)
    }

    /// Throws `period_locked` (naming the earliest year and its county) when any of `keys` is locked.
    static func check(_ keys: Set<CountyYear>, on sql: any SQLDatabase) async throws {
        let locked = try await locked(keys, on: sql)
        guard let first = locked.min(by: { ($0.key.year, $0.key.county) < ($1.key.year, $1.key.county) }) else { return }
        throw refusal(first.key, name: first.value)
    }
}
