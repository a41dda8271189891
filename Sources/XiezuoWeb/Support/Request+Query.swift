import Vapor
import XiezuoCore

extension Request {
    /// A query parameter as trimmed text; nil when absent or empty.
    func queryText(_ name: String, max: Int = 200) throws -> String? {
        guard let raw = try? query.get(String.self, at: name) else { return nil }
        return try Validate.text(raw, field: name, max: max, required: false)
    }

    /// A query parameter as an integer; a present value that is not one is a 400 naming the parameter.
    func queryInt(_ name: String) throws -> Int? {
        try Validate.integer(try queryText(name, max: 20), field: name)
    }

    /// `page` and `perPage` from the query string.
    func pageRequest(defaultPerPage: Int = 50) throws -> Paging {
        Paging(page: try queryInt("page"), perPage: try queryInt("perPage"), defaultPerPage: defaultPerPage)
    }

    /// The page of a picker's answers: `perPage` (or its older name `limit`) 1–50, 20 unless asked.
    func pickerPage() throws -> Paging {
        let perPage = try queryInt("perPage") ?? queryInt("limit")
        return Paging(page: try queryInt("page"), perPage: min(Self.pickerMaxPerPage, perPage ?? 20))
    }

    /// The most answers one page of a picker's search holds.
    static let pickerMaxPerPage = 50

    /// A `year` query parameter, checked.
    func queryYear() throws -> Int? {
        guard let year = try queryInt("year") else { return nil }
        return try Validate.year(year, field: "year", required: true)
    }

    /// A region code from the query string, checked against the tree.
    func queryRegion(_ name: String = "region") throws -> String? {
        guard let code = try queryText(name, max: 12) else { return nil }
        guard services.regions[code] != nil else { throw DomainError.invalid(name, "unknown_region", ["code": code]) }
        return code
    }

    /// A path parameter as a UUID; anything else is a 404, as for a record that does not exist.
    func uuidParameter(_ name: String = "id", entity: String) throws -> UUID {
        guard let value = parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound(entity) }
        return value
    }

    /// The body decoded as JSON; a body that is not a JSON object is a 400, and so is one with a number out of
    /// range or of the wrong type for its documented field (``RequestNumbers``).
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard let body = body.data, body.readableBytes > 0 else { throw DomainError.invalid("body", "malformed_json") }
        let data = Data(body.readableBytesView)
        if storage[RequestNumbers.CheckedKey.self] != true {
            try RequestNumbers.check(json: data, schema: RequestNumbers.requestSchema(of: self))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: data)
    }
}
