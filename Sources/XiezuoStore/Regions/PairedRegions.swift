import FluentKit
import XiezuoCore

/// Who the Jiangsu side is partnered with: one rule for the yearly cycle, the dashboards, the report, projects, sales and
/// placements. A Jiangsu region is partnered with the Shaanxi side of every pairing in force that year whose Jiangsu
/// side lies in the region (the paired city's or county's own staff, and the staff above them).
enum PairedRegions {
    /// The Jiangsu jurisdiction a principal reads partnered records for: staff whose jurisdiction is in Jiangsu.
    static func jiangsuSide(of principal: Principal) -> String? {
        guard principal.role == .coordinator || principal.role == .officer, let jurisdiction = principal.jurisdiction,
              jurisdiction.hasPrefix("32") else { return nil }
        return jurisdiction
    }

    /// The Shaanxi sides (city or county codes) of the pairings in force in `year` whose Jiangsu side lies in `east`.
    static func west(ofEast east: String, year: Int, on database: any Database) async throws -> [String] {
        var codes: Set<String> = []
        for model in try await PairingModel.query(on: database).all() {
            let pairing = try model.pairing
            if pairing.isActive(in: year), pairing.eastCode.hasPrefix(east) { codes.insert(pairing.westCode) }
        }
        return codes.sorted()
    }

    /// True when `principal` is staff of a Jiangsu region partnered in `year` with the Shaanxi `code` (a county of a
    /// paired city included).
    static func partnered(_ principal: Principal, with code: String, year: Int, on database: any Database) async throws -> Bool {
        guard let east = jiangsuSide(of: principal), code.hasPrefix("61"), code.count >= 4 else { return false }
        return try await west(ofEast: east, year: year, on: database).contains { code.hasPrefix($0) }
    }
}
