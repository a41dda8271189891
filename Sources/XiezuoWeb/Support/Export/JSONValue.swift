import Foundation

/// A JSON value as the API encodes it, read back strictly (a number is never a boolean), for the workbook export.
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// Compact text of the value (for nested lists a cell cannot show as columns).
    var compactText: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .double(let value): return "\(value)"
        case .string(let value): return value
        case .array(let values): return values.map(\.compactText).joined(separator: "; ")
        case .object(let object): return object.keys.sorted().map { "\($0): \(object[$0]!.compactText)" }.joined(separator: ", ")
        }
    }
}
