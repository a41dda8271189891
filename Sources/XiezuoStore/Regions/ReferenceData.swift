import FluentKit
import Foundation
import SQLKit
import Spreadsheet
import XiezuoCore

/// Loads the shipped reference files (regions and pairings, copied from `shared/data`) into an empty database.
///
/// Each file is loaded once; the step is remembered in `seed_state`, so a pairing staff later ended is not
/// brought back by a restart.
public enum ReferenceData {
    /// What a load did, for the start-up message.
    public struct Report: Sendable {
        public var regionsLoaded: Int
        public var pairingsLoaded: Int
    }

    /// The regions file parsed into values.
    public static func regionsFromResource() throws -> [Region] {
        let rows = try rows(of: "regions.csv")
        return try rows.enumerated().map { index, row in
            guard row.count >= 3, let level = RegionLevel(rawValue: row[2]),
                  RegionCode.isWellFormed(row[0]), level.codeLength == row[0].count else {
                throw StoreError.badReferenceRow(file: "regions.csv", line: index + 2, reason: "bad region row")
            }
            let parent = row.count > 3 && !row[3].isEmpty ? row[3] : nil
            return Region(code: row[0], name: row[1], level: level, parentCode: parent)
        }
    }

    /// Loads whatever has not been loaded yet.
    public static func loadIfNeeded(on database: any Database) async throws -> Report {
        try await database.writeTransaction { tx in
            var report = Report(regionsLoaded: 0, pairingsLoaded: 0)
            if try await !SeedState.isDone("regions", on: tx) {
                let regions = try regionsFromResource()
                try await insert(regions, on: tx)
                try await SeedState.markDone("regions", on: tx)
                report.regionsLoaded = regions.count
            }
            if try await !SeedState.isDone("pairings", on: tx) {
                report.pairingsLoaded = try await loadPairings(on: tx)
                try await SeedState.markDone("pairings", on: tx)
            }
            return report
        }
    }

    private static func insert(_ regions: [Region], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for chunk in stride(from: 0, to: regions.count, by: 400).map({ regions[$0..<min($0 + 400, regions.count)] }) {
            var insert = sql.insert(into: "regions").columns("code", "name", "level", "parent_code")
            for region in chunk {
                insert = insert.values(SQLBind(region.code), SQLBind(region.name), SQLBind(region.level.rawValue),
                                       SQLBind(region.parentCode))
            }
            try await insert.run()
        }
    }

    private static func loadPairings(on database: any Database) async throws -> Int {
        let rows = try rows(of: "pairings.csv")
        var count = 0
        for (index, row) in rows.enumerated() {
            guard row.count >= 6, let level = RegionLevel(rawValue: row[4]) else {
                throw StoreError.badReferenceRow(file: "pairings.csv", line: index + 2, reason: "bad pairing row")
            }
            let model = PairingModel()
            model.id = UUID()
            model.eastCode = row[0]
            model.westCode = row[2]
            model.level = level.rawValue
            model.validFrom = Int(row[5])
            model.validTo = nil
            model.confidence = row.count > 6 && !row[6].isEmpty ? row[6] : "reported"
            model.note = row.count > 7 && !row[7].isEmpty ? row[7] : nil
            model.changeSeq = try await ChangeSequence.next(on: database)
            try await model.create(on: database)
            count += 1
        }
        return count
    }

    /// The data rows of a shipped CSV file, header dropped.
    static func rows(of name: String) throws -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Reference")
                ?? Bundle.module.url(forResource: "Reference/\(name)", withExtension: nil) else {
            throw StoreError.missingResource(name)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return Array(TextTable.rows(text).dropFirst())
    }
}
