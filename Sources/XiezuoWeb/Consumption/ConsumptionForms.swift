import Vapor
import XiezuoCore
import XiezuoStore

/// The consumption records staff and suppliers enter through forms.
enum ConsumptionRecordKind: String, CaseIterable, RecordFormKind {
    case products, brands, events, procurements, sales

    var entity: String {
        switch self {
        case .products: return "product"
        case .brands: return "regional_brand"
        case .events: return "sales_event"
        case .procurements: return "procurement"
        case .sales: return "sale"
        }
    }

    /// The form's fields with `values` and `errors`; `choices` holds options read from the database.
    func fields(_ values: [String: String], errors: [String: String], request: Request, choices: [String: [ChoiceOption]]) -> [FormField] {
        func field(_ name: String, _ kind: String = "text", label: String? = nil, required: Bool = false, max: Int = 100, hint: String? = nil,
                   options: [ChoiceOption] = []) -> FormField {
            FormField(name: name, label: label ?? request.t("field.\(name)"), kind: kind, value: values[name] ?? "", options: options,
                      error: errors[name], hint: hint, required: required, max: max)
        }
        func select(_ name: String, _ codes: [String], table: String) -> FormField {
            field(name, "select", options: codes.map { ChoiceOption(value: $0, label: request.t("\(table).\($0)"), selected: $0 == values[name]) })
        }
        let yuan = request.t("manage_industry.yuan")
        let categories = field("category", "select", label: request.t("products.category"), options: ProductCategory.allCases.map {
            ChoiceOption(value: $0.rawValue, label: request.t("product_category.\($0.rawValue)"), selected: $0.rawValue == values["category"])
        })
        switch self {
        case .products:
            return [field("supplierId", "select", options: choices["supplierId"] ?? []), field("name", required: true), categories,
                    field("brandId", "select", label: request.t("products.brand"), options: choices["brandId"] ?? []),
                    field("specification", required: true, max: 60, hint: request.t("manage_consumption.specification_hint")),
                    field("unit", required: true, max: 10), field("price", label: request.t("field.price") + "（\(yuan)）", required: true),
                    field("stock", "number"), field("traceabilityCode", max: 40), field("description", "textarea", label: request.t("field.about"), max: 2000)]
        case .brands:
            return [field("name", required: true, max: 60), field("regionCode", required: true, max: 9), categories,
                    field("geographicalIndication", "check"), field("description", "textarea", label: request.t("field.about"), max: 2000)]
        case .events:
            return [select("kind", SalesEventKind.allCases.map(\.rawValue), table: "sales_event_kind"), field("title", required: true),
                    field("date", "date", required: true, max: 10), field("cityCode", required: true, max: 9, hint: request.t("manage_industry.partner_hint")),
                    field("organiser", required: true), field("supplierCodes", "textarea", max: 4000, hint: request.t("manage_consumption.supplier_codes_hint")),
                    field("platform", max: 40), field("host", max: 40), field("session", max: 60), field("dealsSigned", "number"),
                    field("dealsAmount", label: request.t("field.dealsAmount") + "（\(yuan)）")]
        case .procurements:
            return [field("unitName", required: true), field("regionCode", required: true, max: 9), field("year", "number", required: true, max: 4),
                    field("canteenSpending", label: request.t("field.canteenSpending") + "（\(yuan)）", required: true),
                    field("povertyAreaSpending", label: request.t("field.povertyAreaSpending") + "（\(yuan)）", required: true)]
        case .sales:
            return [field("date", "date", required: true, max: 10),
                    select("channel", SaleChannel.allCases.filter { $0 != .shop }.map(\.rawValue), table: "sale_channel"),
                    field("productId", "select", options: choices["productId"] ?? []),
                    field("productName", hint: request.t("manage_consumption.product_name_hint")), field("countyCode", max: 9),
                    field("buyerRegion", required: true, max: 9), field("amount", required: true),
                    field("quantity", "number")]
        }
    }

    /// Saves the form and returns the page to show next.
    func save(_ values: [String: String], id: UUID?, request: Request, by principal: Principal) async throws -> String {
        let text = { (name: String) -> String? in
            let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return value?.isEmpty == false ? value : nil
        }
        let int = { (name: String) throws -> Int? in try IndustryRecordKind.int(values, name) }
        let uuid = { (name: String) throws -> UUID? in
            guard let value = text(name) else { return nil }
            guard let id = UUID(uuidString: value) else { throw DomainError.invalid(name, "wrong_type") }
            return id
        }
        let fen = { (name: String) throws -> Int64? in try Formatting.fen(from: values[name], unitFen: 100, field: name) }
        switch self {
        case .products:
            let draft = ProductDraft(name: text("name"), brandId: try uuid("brandId"), category: text("category"), specification: text("specification"),
                                     unit: text("unit"), price: try fen("price"), stock: try int("stock"), traceabilityCode: text("traceabilityCode"),
                                     description: text("description"))
            if let id { return "/products/\(try await request.products.update(id, with: draft, by: principal).id)" }
            let supplier = principal.role == .enterprise ? principal.employerID : try uuid("supplierId")
            guard let supplier else { throw DomainError.invalid("supplierId", "required") }
            return "/products/\(try await request.products.create(draft, supplier: supplier, by: principal).id)"
        case .brands:
            _ = try await request.consumption.saveBrand(RegionalBrandDraft(name: text("name"), regionCode: text("regionCode"), category: text("category"),
                                                                           geographicalIndication: values["geographicalIndication"] != nil,
                                                                           description: text("description")), id: id, by: principal)
        case .events:
            let codes = IndustryRecordKind.lines(values, "supplierCodes").map { $0.uppercased() }
            let found = try await request.employers.find(creditCodes: codes)
            let suppliers = try codes.map { code -> UUID in
                guard let supplier = found[code] else { throw DomainError.invalid("supplierCodes", "unknown_employer_code", ["code": code]) }
                return supplier.id
            }
            _ = try await request.consumption.saveEvent(SalesEventDraft(
                kind: text("kind"), title: text("title"), date: text("date"), cityCode: text("cityCode"), organiser: text("organiser"),
                supplierIds: suppliers, platform: text("platform"), host: text("host"), session: text("session"), dealsSigned: try int("dealsSigned"),
                dealsAmount: try fen("dealsAmount")), id: id, by: principal)
        case .procurements:
            _ = try await request.consumption.saveProcurement(ProcurementDraft(
                unitName: text("unitName"), regionCode: text("regionCode"), year: try int("year"), canteenSpending: try fen("canteenSpending"),
                povertyAreaSpending: try fen("povertyAreaSpending")), id: id, by: principal)
        case .sales:
            _ = try await request.salesLedger.record(SaleDraft(
                date: text("date"), channel: text("channel"), productId: try uuid("productId"), productName: text("productName"),
                countyCode: text("countyCode"), buyerRegion: text("buyerRegion"), amount: try fen("amount"), quantity: try int("quantity")), by: principal)
        }
        return "/manage/consumption"
    }

    /// The stored record's form values (for those who may change it).
    func values(of id: UUID, request: Request, by principal: Principal) async throws -> [String: String] {
        switch self {
        case .products:
            let product = try await request.products.get(id, by: principal)
            guard Permissions.canEditProduct(principal, supplierID: product.supplierID, countyCode: product.countyCode) else { throw DomainError.notFound("product") }
            return ["supplierId": product.supplierID.uuidString, "name": product.name, "category": product.category.rawValue,
                    "brandId": product.brandID?.uuidString ?? "", "specification": product.specification, "unit": product.unit,
                    "price": Formatting.plain(product.price, unitFen: 100), "stock": String(product.stock),
                    "traceabilityCode": product.traceabilityCode ?? "", "description": product.description ?? ""]
        case .brands:
            let brand = try await request.consumption.brand(id)
            guard Permissions.canRecordSales(principal, regionCode: brand.regionCode) else { throw DomainError.notFound("regional_brand") }
            return ["name": brand.name, "regionCode": brand.regionCode, "category": brand.category.rawValue,
                    "geographicalIndication": brand.geographicalIndication ? "on" : "", "description": brand.description ?? ""]
        case .events:
            let event = try await request.consumption.event(id)
            guard Permissions.canRecordSales(principal, regionCode: event.cityCode) else { throw DomainError.notFound("sales_event") }
            let codes = try await request.employers.summaries(event.supplierIDs)
            return ["kind": event.kind.rawValue, "title": event.title, "date": event.date.description, "cityCode": event.cityCode,
                    "organiser": event.organiser, "supplierCodes": event.supplierIDs.compactMap { codes[$0]?.creditCode }.joined(separator: "\n"),
                    "platform": event.platform ?? "", "host": event.host ?? "", "session": event.session ?? "",
                    "dealsSigned": String(event.dealsSigned), "dealsAmount": Formatting.plain(event.dealsAmount, unitFen: 100)]
        case .procurements:
            let unit = try await request.consumption.procurement(id)
            guard Permissions.canRecordSales(principal, regionCode: unit.regionCode) else { throw DomainError.notFound("procurement") }
            return ["unitName": unit.unitName, "regionCode": unit.regionCode, "year": String(unit.year),
                    "canteenSpending": Formatting.plain(unit.canteenSpending, unitFen: 100),
                    "povertyAreaSpending": Formatting.plain(unit.povertyAreaSpending, unitFen: 100)]
        case .sales:
            // A sale is corrected by a new line (a negative one for a mistake), never edited: the ledger keeps its history.
            throw DomainError.notFound(entity)
        }
    }
}
