import Vapor
import XiezuoCore

extension Region: Content {}

/// A region with its place in the tree, as the API returns it.
struct RegionDetail: Content {
    var code: String
    var name: String
    var level: RegionLevel
    var parentCode: String?
    var path: [Region]
    var childCount: Int
}

/// A pairing with both sides' names, for pages and the API.
struct PairingView: Content {
    var id: UUID
    var level: RegionLevel
    var eastCode: String
    var eastName: String
    var westCode: String
    var westName: String
    var validFrom: Int?
    var validTo: Int?
    var confidence: String
    var note: String?
    var active: Bool

    init(_ pairing: Pairing, regions: RegionDirectory, year: Int) {
        id = pairing.id
        level = pairing.level
        eastCode = pairing.eastCode
        eastName = regions[pairing.eastCode]?.name ?? pairing.eastCode
        westCode = pairing.westCode
        westName = regions[pairing.westCode]?.name ?? pairing.westCode
        validFrom = pairing.validFrom
        validTo = pairing.validTo
        confidence = pairing.confidence
        note = pairing.note
        active = pairing.isActive(in: year)
    }
}

/// The current calendar year, for "in force now".
func currentYear() -> Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }
