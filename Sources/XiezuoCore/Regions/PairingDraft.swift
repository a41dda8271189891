/// What a coordinator submits to add a pairing, before it is checked.
public struct PairingDraft: Sendable, Codable, Equatable {
    public var eastCode: String?
    public var westCode: String?
    public var validFrom: Int?
    public var validTo: Int?
    public var note: String?

    /// Creates a draft.
    public init(eastCode: String?, westCode: String?, validFrom: Int?, validTo: Int? = nil, note: String? = nil) {
        self.eastCode = eastCode
        self.westCode = westCode
        self.validFrom = validFrom
        self.validTo = validTo
        self.note = note
    }

    /// Checks the draft against the region tree and returns the validated fields.
    ///
    /// The east side must be a Jiangsu region and the west side a Shaanxi region of the same level, city or county.
    public func validated(in regions: RegionDirectory) throws(DomainError) -> ValidPairing {
        let east = try Self.region(eastCode, field: "eastCode", in: regions)
        let west = try Self.region(westCode, field: "westCode", in: regions)
        guard east.province == .jiangsu else { throw .invalid("eastCode", "not_in_jiangsu") }
        guard west.province == .shaanxi else { throw .invalid("westCode", "not_in_shaanxi") }
        guard east.level == .city || east.level == .county else { throw .invalid("eastCode", "pairing_level") }
        guard west.level == east.level else { throw .invalid("westCode", "pairing_level_mismatch") }
        let from = try Validate.year(validFrom, field: "validFrom", required: true)!
        let to = try Validate.year(validTo, field: "validTo", required: false)
        if let to, to < from { throw .invalid("validTo", "end_before_start") }
        let note = try Validate.text(note, field: "note", max: 500, required: false)
        return ValidPairing(east: east, west: west, validFrom: from, validTo: to, note: note)
    }

    static func region(_ code: String?, field: String, in regions: RegionDirectory) throws(DomainError) -> Region {
        guard let code = try Validate.text(code, field: field, max: 9) else { throw .invalid(field, "required") }
        guard RegionCode.isWellFormed(code), let region = regions[code] else {
            throw .invalid(field, "unknown_region", ["code": code])
        }
        return region
    }
}

/// A pairing draft that passed validation.
public struct ValidPairing: Sendable, Equatable {
    public var east: Region
    public var west: Region
    public var validFrom: Int
    public var validTo: Int?
    public var note: String?
}

/// A change to an existing pairing: ending it (a last year) or editing its note.
public struct PairingPatch: Sendable, Codable, Equatable {
    /// The last year the pairing applies; `endNow` style edits set this.
    public var validTo: Int?
    /// Replaces the note when present.
    public var note: String?

    /// Creates a patch.
    public init(validTo: Int? = nil, note: String? = nil) {
        self.validTo = validTo
        self.note = note
    }

    /// Applies the patch to a pairing after checking it.
    public func applied(to pairing: Pairing) throws(DomainError) -> Pairing {
        var result = pairing
        if let validTo {
            let to = try Validate.year(validTo, field: "validTo", required: true)!
            if let from = pairing.validFrom, to < from { throw .invalid("validTo", "end_before_start") }
            result.validTo = to
        }
        if let note {
            result.note = try Validate.text(note, field: "note", max: 500, required: false)
        }
        if validTo == nil && note == nil { throw .invalid("validTo", "nothing_to_change") }
        return result
    }
}
