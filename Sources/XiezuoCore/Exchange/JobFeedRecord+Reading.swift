import Foundation

extension JobFeedRecord {
    /// Reads a record with ``JSONPullReader``, giving what `JSONDecoder` gives through ``init(from:)``: a top-level
    /// field of the wrong type reads as absent, a nested object (identifier, organisation, place, salary) with a
    /// field of the wrong type reads as absent as a whole, unknown keys and repeats of a key are ignored. Nil when
    /// the value is not an object; throws only when the text is not JSON.
    public static func read(_ reader: inout JSONPullReader) throws -> JobFeedRecord? {
        try reader.objectOrNil { reader in
            var record = JobFeedRecord()
            var seen = KeySet()
            try reader.readObject { reader, key in
                switch seen.first(key, in: CodingKeys.table) {
                case .context: record.context = try reader.stringOrNil()
                case .type: record.type = try reader.stringOrNil()
                case .seq: record.seq = try reader.int64OrNil()
                case .identifier: record.identifier = try reader.objectOrNil(Identifier.read)
                case .originPlatform: record.originPlatform = try reader.stringOrNil()
                case .originId: record.originId = try reader.stringOrNil()
                case .originVersion: record.originVersion = try reader.int64OrNil()
                case .status: record.status = try reader.stringOrNil()
                case .tombstone: record.tombstone = try reader.boolOrNil()
                case .title: record.title = try reader.stringOrNil()
                case .description: record.description = try reader.stringOrNil()
                case .occupationalCategory: record.occupationalCategory = try reader.stringOrNil()
                case .hiringOrganization: record.hiringOrganization = try reader.objectOrNil(Organization.read)
                case .jobLocation: record.jobLocation = try reader.objectOrNil(Place.read)
                case .baseSalary: record.baseSalary = try reader.objectOrNil(MonetaryAmount.read)
                case .wageMinFen: record.wageMinFen = try reader.int64OrNil()
                case .wageMaxFen: record.wageMaxFen = try reader.int64OrNil()
                case .wageType: record.wageType = try reader.stringOrNil()
                case .totalJobOpenings: record.totalJobOpenings = try reader.intOrNil()
                case .educationRequirements: record.educationRequirements = try reader.stringOrNil()
                case .ageMin: record.ageMin = try reader.intOrNil()
                case .ageMax: record.ageMax = try reader.intOrNil()
                case .jobBenefits: record.jobBenefits = try reader.stringsOrNil()
                case .validThrough: record.validThrough = try reader.stringOrNil()
                case .datePosted: record.datePosted = try reader.stringOrNil()
                case nil: try reader.skipValue()
                }
            }
            return record
        }
    }
}

/// The known keys of an object met so far: as with `JSONDecoder`, a key's first occurrence counts and later
/// ones are ignored.
private struct KeySet {
    private var bits: UInt64 = 0

    /// The field `key` names if this is its first occurrence; nil for an unknown or repeated key.
    mutating func first<Field>(_ key: JSONPullReader.Key, in table: [(field: Field, name: [UInt8])]) -> Field? {
        guard let index = table.firstIndex(where: { key.is($0.name) }), bits & (1 << index) == 0 else { return nil }
        bits |= 1 << index
        return table[index].field
    }
}

/// Reading a nested object the way `JSONDecoder` decodes it through its synthesized `Codable`: an optional field
/// may be absent or null, but one of another type fails the whole object.
private struct StrictFields {
    var valid = true

    mutating func string(_ reader: inout JSONPullReader) throws -> String? {
        if try reader.readNull() { return nil }
        if try reader.peek() == .string { return try reader.stringOrNil() }
        valid = false
        try reader.skipValue()
        return nil
    }

    mutating func decimal(_ reader: inout JSONPullReader) throws -> Decimal? {
        if try reader.readNull() { return nil }
        if try reader.peek() == .number {
            let value = try reader.decimalOrNil()
            if value == nil { valid = false }
            return value
        }
        valid = false
        try reader.skipValue()
        return nil
    }

    mutating func object<T>(_ reader: inout JSONPullReader, _ read: (inout JSONPullReader) throws -> T?) throws -> T? {
        if try reader.readNull() { return nil }
        if try reader.peek() == .object {
            let value = try read(&reader)
            if value == nil { valid = false }
            return value
        }
        valid = false
        try reader.skipValue()
        return nil
    }
}

/// Reads a nested object strictly (see ``StrictFields``) into `value`: `member` reads the value of each known key's
/// first occurrence; unknown and repeated keys are skipped. Nil when a known field had the wrong type.
private func readStrict<Key: ObjectKeys, Value>(
    _ reader: inout JSONPullReader, into value: Value,
    _ member: (Key, inout Value, inout StrictFields, inout JSONPullReader) throws -> Void
) throws -> Value? {
    var value = value
    var fields = StrictFields()
    var seen = KeySet()
    try reader.readObject { reader, key in
        if let field = seen.first(key, in: Key.table) { try member(field, &value, &fields, &reader) } else { try reader.skipValue() }
    }
    return fields.valid ? value : nil
}

extension JobFeedRecord.Identifier {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        try readStrict(&reader, into: Self(type: nil, propertyID: nil, value: nil)) { (key: IdentifierKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .propertyID: value.propertyID = try fields.string(&reader)
            case .value: value.value = try fields.string(&reader)
            }
        }
    }
}

extension JobFeedRecord.Organization {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        var empty = Self(name: nil, taxID: nil)
        empty.type = nil
        return try readStrict(&reader, into: empty) { (key: OrganizationKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .name: value.name = try fields.string(&reader)
            case .taxID: value.taxID = try fields.string(&reader)
            }
        }
    }
}

extension JobFeedRecord.Place {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        var empty = Self(countyCode: nil)
        empty.type = nil
        empty.address = nil
        return try readStrict(&reader, into: empty) { (key: PlaceKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .address: value.address = try fields.object(&reader, Address.read)
            }
        }
    }
}

extension JobFeedRecord.Place.Address {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        let empty = Self(type: nil, addressCountry: nil, addressRegion: nil, addressLocality: nil)
        return try readStrict(&reader, into: empty) { (key: AddressKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .addressCountry: value.addressCountry = try fields.string(&reader)
            case .addressRegion: value.addressRegion = try fields.string(&reader)
            case .addressLocality: value.addressLocality = try fields.string(&reader)
            }
        }
    }
}

extension JobFeedRecord.MonetaryAmount {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        try readStrict(&reader, into: Self(type: nil, currency: nil, value: nil)) { (key: AmountKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .currency: value.currency = try fields.string(&reader)
            case .value: value.value = try fields.object(&reader, Value.read)
            }
        }
    }
}

extension JobFeedRecord.MonetaryAmount.Value {
    static func read(_ reader: inout JSONPullReader) throws -> Self? {
        let empty = Self(type: nil, minValue: nil, maxValue: nil, unitText: nil)
        return try readStrict(&reader, into: empty) { (key: ValueKey, value, fields, reader) in
            switch key {
            case .type: value.type = try fields.string(&reader)
            case .minValue: value.minValue = try fields.decimal(&reader)
            case .maxValue: value.maxValue = try fields.decimal(&reader)
            case .unitText: value.unitText = try fields.string(&reader)
            }
        }
    }
}

/// The keys an object of a record knows, as JSON spells them, with their UTF-8 for comparing keys as read.
private protocol ObjectKeys: CaseIterable {
    static var table: [(field: Self, name: [UInt8])] { get }
}

extension JobFeedRecord.CodingKeys: ObjectKeys {
    fileprivate static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum IdentifierKey: String, ObjectKeys {
    case type = "@type", propertyID, value
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum OrganizationKey: String, ObjectKeys {
    case type = "@type", name, taxID
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum PlaceKey: String, ObjectKeys {
    case type = "@type", address
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum AddressKey: String, ObjectKeys {
    case type = "@type", addressCountry, addressRegion, addressLocality
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum AmountKey: String, ObjectKeys {
    case type = "@type", currency, value
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}

private enum ValueKey: String, ObjectKeys {
    case type = "@type", minValue, maxValue, unitText
    static let table = allCases.map { (field: $0, name: Array($0.rawValue.utf8)) }
}
