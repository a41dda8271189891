import Foundation
import Vapor
import XiezuoCore

/// An audit entry as a person reads it: what was done, to which record (with a link when it has a page), where, and
/// which fields changed from what to what — names in the reader's language and amounts in 元, not the stored JSON.
struct AuditEntryView: Encodable {
    struct Change: Encodable {
        var field: String
        var before: String?
        var after: String?
        /// Both states have a value (the page puts an arrow between them).
        var both: Bool { before != nil && after != nil }

        enum CodingKeys: String, CodingKey { case field, before, after, both }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encodeIfPresent(before, forKey: .before)
            try container.encodeIfPresent(after, forKey: .after)
            try container.encode(both, forKey: .both)
        }
    }

    var entry: AuditEntry
    var actionName: String
    var entityName: String
    var link: String?
    /// The record's own name when its id is one people read (a user name), not a UUID.
    var label: String?
    var place: String
    var changes: [Change]

    /// Fields the records keep in fen; shown in 元.
    static let moneyFields: Set<String> = [
        "amount", "budget", "price", "unitPrice", "wage", "wageMin", "wageMax", "minWage", "monthlyWage", "total", "canteenSpending",
        "povertyAreaSpending", "dealsAmount", "outputValue", "investment", "plannedInvestment", "actualInvestment",
    ]
    /// Fields that hold a region code.
    static let regionFields: Set<String> = ["countyCode", "regionCode", "homeCode", "cityCode", "buyerRegion", "placeCode", "westCode", "eastCode"]
    /// Fields that say nothing a reader needs (the record's own id, bookkeeping).
    static let quietFields: Set<String> = ["id", "changeSeq", "generated", "history"]
    /// Where a record of each kind has its page (records kept by id; `{id}` is the record's).
    static let pages: [String: String] = [
        "project": "/projects/{id}", "job_posting": "/jobs/{id}", "worker": "/workers/{id}", "product": "/products/{id}",
        "featured_industry": "/industries/{id}", "park": "/parks/{id}", "brand": "/brands/{id}", "employer": "/employers/{id}",
        "order": "/orders/{id}", "training": "/manage/labor/training/{id}", "gig_market": "/manage/labor/markets/{id}",
        "gig": "/manage/labor/gigs/{id}", "trip": "/manage/labor/trips/{id}", "workshop": "/manage/labor/workshops/{id}",
        "enterprise": "/manage/industry/enterprises/{id}/edit", "promotion_event": "/manage/industry/events/{id}/edit",
        "regional_brand": "/manage/consumption/brands/{id}/edit", "sales_event": "/manage/consumption/events/{id}/edit",
        "procurement": "/manage/consumption/procurements/{id}/edit",
    ]
    /// Records with no page of their own, shown on the page of the record they belong to (a field of the entry's
    /// state names it; `{id}` is the entry's record, `{ref}` that field's value).
    static let parents: [String: (field: String, page: String)] = [
        "fund_flow": ("projectID", "/projects/{ref}#flow-{id}"), "application": ("postingID", "/manage/jobs/{ref}/applicants"),
        "enrolment": ("programmeID", "/manage/labor/training/{ref}"), "gig_signup": ("taskID", "/manage/labor/gigs/{ref}"),
        "enclave_share": ("parkID", "/parks/{ref}"), "job_invitation": ("posting", "/jobs/{ref}"),
    ]

    /// The page that shows the entry's record, when there is one.
    static func link(to entry: AuditEntry) -> String? {
        func escaped(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? text
        }
        if let id = UUID(uuidString: entry.entityID), let page = pages[entry.entity] { return page.replacingOccurrences(of: "{id}", with: id.uuidString) }
        switch entry.entity {
        // Projects are audited by their code and accounts by their user name: the lists find them.
        case "project": return "/projects?q=" + escaped(entry.entityID)
        case "account": return "/admin/users?q=" + escaped(entry.entityID)
        case "sale": return "/manage/consumption"
        // A park's figures of a year are audited as "park/year".
        case "park_figures": return entry.entityID.split(separator: "/").first.flatMap { UUID(uuidString: String($0)) }.map { "/parks/\($0)" }
        default: break
        }
        guard let (field, page) = parents[entry.entity],
              let state = (entry.after ?? entry.before).flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }),
              let reference = (state[field] as? String).flatMap(UUID.init(uuidString:)) else { return nil }
        return page.replacingOccurrences(of: "{ref}", with: reference.uuidString).replacingOccurrences(of: "{id}", with: entry.entityID)
    }
    /// The status tables of the records whose moves are audited as `status_<code>`.
    static let statusTables: [String: String] = [
        "project": "project_status", "enterprise": "enterprise_status", "application": "application_status", "order": "order_status",
        "trip": "trip_status", "job_posting": "job_status",
    ]

    init(_ entry: AuditEntry, request: Request) {
        self.entry = entry
        entityName = request.t("audit.entity.\(entry.entity)", or: entry.entity)
        let action = entry.action
        if action.hasPrefix("status_") {
            let code = String(action.dropFirst(7))
            let status = Self.statusTables[entry.entity].map { request.t("\($0).\(code)", or: code) } ?? code
            actionName = request.t("audit.action.status", ["status": status])
        } else if action.hasPrefix("certify_") {
            actionName = request.t("audit.action.certify", ["status": request.t("certification.\(action.dropFirst(8))", or: String(action.dropFirst(8)))])
        } else if action.hasPrefix("step_") {
            actionName = request.t("audit.action.status", ["status": request.t("enrolment_stage.\(action.dropFirst(5))", or: String(action.dropFirst(5)))])
        } else if action == "import", let count = entry.after.flatMap({ Int($0) }) {
            actionName = request.t("audit.action.import_count", ["count": String(count)])
        } else if action == "import", let data = entry.after?.data(using: .utf8),
                  let summary = try? JSONDecoder().decode(ImportSummary.self, from: data) {
            actionName = request.t("audit.action.import_file", ["file": summary.file, "created": String(summary.created),
                                                                "updated": String(summary.updated), "unchanged": String(summary.unchanged),
                                                                "digest": String(summary.digest.prefix(12))])
        } else {
            actionName = request.t("audit.action.\(action)", or: action)
        }
        label = UUID(uuidString: entry.entityID) == nil && !entry.entityID.hasPrefix("import:") ? entry.entityID : nil
        link = Self.link(to: entry)
        let regions = request.services.regions
        place = [entry.regionCode, entry.partnerRegionCode].compactMap { $0 }.map { regions.placeName($0) }.joined(separator: " ↔ ")
        changes = action == "import" ? [] : Self.changes(before: entry.before, after: entry.after, entity: entry.entity, request: request)
    }

    /// What an import's audit entry records (ImportRunner's summary).
    struct ImportSummary: Decodable {
        var file: String
        var digest: String
        var created: Int
        var updated: Int
        var unchanged: Int
    }

    /// A stored JSON value, decoded strictly (a 1 is a number, never a yes).
    indirect enum Value: Decodable, Equatable {
        case null, flag(Bool), integer(Int64), real(Double), text(String), list([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let integer = try? container.decode(Int64.self) { self = .integer(integer) }
            else if let real = try? container.decode(Double.self) { self = .real(real) }
            else if let text = try? container.decode(String.self) { self = .text(text) }
            else if let list = try? container.decode([Value].self) { self = .list(list) }
            else { self = .object(try container.decode([String: Value].self)) }
        }
    }

    /// The fields whose value differs between the two states (every field of a record created or deleted).
    static func changes(before: String?, after: String?, entity: String, request: Request) -> [Change] {
        func object(_ text: String?) -> [String: Value]? {
            guard let data = text?.data(using: .utf8) else { return nil }
            return try? JSONDecoder().decode([String: Value].self, from: data)
        }
        let old = object(before), new = object(after)
        guard old != nil || new != nil else {
            // Not an object: show the stored text as it is.
            return before == nil && after == nil ? [] : [Change(field: "", before: before, after: after)]
        }
        let keys = Set((old ?? [:]).keys).union((new ?? [:]).keys).subtracting(quietFields).sorted()
        return keys.compactMap { key in
            let was = old?[key].flatMap { text($0, key: key, entity: entity, request: request) }
            let now = new?[key].flatMap { text($0, key: key, entity: entity, request: request) }
            guard was != now, was != nil || now != nil else { return nil }
            return Change(field: request.t("field.\(key)", or: key), before: was, after: now)
        }
    }

    /// A stored value in words: money in 元, yes/no, lists joined; nil for an empty value.
    static func text(_ value: Value, key: String, entity: String, request: Request) -> String? {
        switch value {
        case .null: return nil
        case .flag(let flag): return request.t(flag ? "audit.yes" : "audit.no")
        case .integer(let number):
            return moneyFields.contains(key) ? request.t("audit.yuan", ["amount": Formatting.yuan(number)]) : String(number)
        case .real(let number): return String(number)
        case .text(let text):
            guard !text.isEmpty else { return nil }
            // Codes in words: a status, an action area, a region.
            if key == "status", let table = statusTables[entity] { return request.t("\(table).\(text)", or: text) }
            if key == "actionArea" { return request.t("area.\(text)", or: text) }
            if regionFields.contains(key), let region = request.services.regions[text] { return request.services.regions.placeName(region.code) }
            return text
        case .list(let list):
            let items = list.compactMap { text($0, key: key, entity: entity, request: request) }
            return items.isEmpty ? nil : items.joined(separator: "、")
        case .object(let fields):
            let items = fields.keys.sorted().compactMap { name in
                fields[name].flatMap { text($0, key: name, entity: entity, request: request) }.map { "\(request.t("field.\(name)", or: name))：\($0)" }
            }
            return items.isEmpty ? nil : items.joined(separator: "；")
        }
    }
}
