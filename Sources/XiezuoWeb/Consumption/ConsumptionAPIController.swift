import Vapor
import XiezuoCore
import XiezuoStore

/// Products and their certification, regional brands, events, procurement, the sales ledger and its panels.
struct ConsumptionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let products = api.grouped("products")
        products.get(use: listProducts)
        products.post(use: createProduct)
        products.get(":id", use: showProduct)
        products.put(":id", use: updateProduct)
        products.post(":id", "certification", use: decide)
        products.collecting(.POST, ":id", "images", maxSize: "3mb", use: addImage)
        let brands = api.grouped("regional-brands")
        brands.get(use: listBrands)
        brands.post(use: createBrand)
        brands.put(":id", use: updateBrand)
        let events = api.grouped("sales-events")
        events.get(use: listEvents)
        events.post(use: createEvent)
        events.put(":id", use: updateEvent)
        let procurements = api.grouped("procurements")
        procurements.get(use: listProcurements)
        procurements.post(use: createProcurement)
        procurements.put(":id", use: updateProcurement)
        api.get("sales", use: listSales)
        api.post("sales", use: recordSale)
        api.post("sales", ":id", "reversal", use: reverseSale)
        api.collecting(.POST, "sales", "import", maxSize: "20mb", use: importSales)
        api.get("consumption", "panels", use: panels)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        let region = APIOperation.Parameter.query("region", "Region code (subtree)")
        return [
            APIOperation(.GET, "/api/v1/products", tag: "consumption", summary: "The catalogue: published products, public (mine=true: a supplier's own or the staff's, any status)",
                         parameters: [.query("q", "Part of the name (Chinese of any length)"), region, .query("brand", "Regional brand id"),
                                      .query("category", "edible_fungi, tea, fruit, grain, meat, herbs, handicraft or other"),
                                      .query("mine", "true: the products the caller keeps")] + APIOperation.Parameter.paging,
                         response: .list("Product")),
            APIOperation(.POST, "/api/v1/products", tag: "consumption", summary: "List a product (a supplier's account for itself; staff name the supplier)",
                         request: "ProductInput", response: .object("Product"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/products/{id}", tag: "consumption", summary: "One product (public once published)", parameters: [id],
                         response: .object("Product")),
            APIOperation(.PUT, "/api/v1/products/{id}", tag: "consumption", summary: "Replace a product's fields and stock", parameters: [id],
                         request: "ProductDraft", response: .object("Product"), secured: true),
            APIOperation(.POST, "/api/v1/products/{id}/certification", tag: "consumption",
                         summary: "A certification decision by staff of the step's level: county recognises, city reviews, province re-checks and publishes",
                         parameters: [id], request: "CertificationDecision", response: .object("Product"), secured: true),
            APIOperation(.POST, "/api/v1/products/{id}/images", tag: "consumption",
                         summary: "Add a picture: the body is the JPEG, PNG or WebP bytes, at most 2 MB", parameters: [id],
                         response: .object("Product"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/regional-brands", tag: "consumption", summary: "Regional public brands, public",
                         parameters: [region] + APIOperation.Parameter.paging, response: .list("RegionalBrand")),
            APIOperation(.POST, "/api/v1/regional-brands", tag: "consumption", summary: "Record a regional brand", request: "RegionalBrandDraft",
                         response: .object("RegionalBrand"), status: 201, secured: true),
            APIOperation(.PUT, "/api/v1/regional-brands/{id}", tag: "consumption", summary: "Replace a regional brand's fields", parameters: [id],
                         request: "RegionalBrandDraft", response: .object("RegionalBrand"), secured: true),
            APIOperation(.GET, "/api/v1/sales-events", tag: "consumption", summary: "Fairs, promotions and livestream sessions, public",
                         parameters: [region] + APIOperation.Parameter.paging, response: .list("SalesEvent")),
            APIOperation(.POST, "/api/v1/sales-events", tag: "consumption", summary: "Record an event", request: "SalesEventDraft",
                         response: .object("SalesEvent"), status: 201, secured: true),
            APIOperation(.PUT, "/api/v1/sales-events/{id}", tag: "consumption", summary: "Replace an event's fields", parameters: [id],
                         request: "SalesEventDraft", response: .object("SalesEvent"), secured: true),
            APIOperation(.GET, "/api/v1/procurements", tag: "consumption", summary: "Budget units' canteen buying of a year and the share against the 10% floor (staff)",
                         parameters: [.query("year", "Year (default this year)", type: "integer"), region] + APIOperation.Parameter.paging,
                         response: .object("ProcurementList"),
                         secured: true),
            APIOperation(.POST, "/api/v1/procurements", tag: "consumption", summary: "Record a budget unit's year", request: "ProcurementDraft",
                         response: .object("Procurement"), status: 201, secured: true),
            APIOperation(.PUT, "/api/v1/procurements/{id}", tag: "consumption", summary: "Replace a budget unit's year", parameters: [id],
                         request: "ProcurementDraft", response: .object("Procurement"), secured: true),
            APIOperation(.GET, "/api/v1/sales", tag: "consumption",
                         summary: "The sales ledger of a year: sales by counties in the region or bought in it, newest first, with reversals linked (staff covering the region)",
                         parameters: [.query("year", "Year (default this year)", type: "integer"), region] + APIOperation.Parameter.paging,
                         response: .object("SaleList"), secured: true),
            APIOperation(.POST, "/api/v1/sales/{id}/reversal", tag: "consumption",
                         summary: "Reverse a sale (红字冲销, staff covering its county): records the opposite amount on the original's day, linked to it, with the reason; once per sale",
                         parameters: [id], request: "ReversalDraft", response: .object("Sale"), status: 201, secured: true),
            APIOperation(.POST, "/api/v1/sales", tag: "consumption", summary: "Record a sale of a fair, livestream, procurement or other channel (shop sales come from orders)",
                         request: "SaleDraft", response: .object("Sale"), status: 201, secured: true),
            APIOperation(.POST, "/api/v1/sales/import", tag: "consumption",
                         summary: "Import sales (the same as POST /api/v1/imports/sales; the CSV header names date, channel, product_id, product_name, county_code, buyer_region, amount_yuan, quantity are accepted); every row checked, nothing written when any fails",
                         parameters: [.query("dryRun", "true: check and show, write nothing", type: "boolean")], response: .object("ImportReport"), secured: true),
            APIOperation(.GET, "/api/v1/consumption/panels", tag: "consumption",
                         summary: "Sales by channel, by child region and by month, and the top products (staff covering the region)",
                         parameters: [.query("year", "Year", type: "integer"), region], response: .object("ConsumptionPanels"), secured: true),
        ]
    }()

    // MARK: Products

    func listProducts(request: Request) async throws -> Response {
        let mine = try request.queryText("mine") == "true"
        let filter = try request.productFilter(publishedOnly: !mine)
        return try await request.list(SheetSpec(name: "export.sheet.products", values: ["category": "product_category", "status": "certification"]),
                                      defaultPerPage: 24) { paging in
            try await request.products.list(filter, by: request.principal, page: paging)
        }
    }

    /// A product's body: the draft and, for staff, the supplier it is listed for.
    struct ProductBody: Decodable {
        var supplierId: UUID?
        var draft: ProductDraft

        init(from decoder: any Decoder) throws {
            struct Key: Decodable { var supplierId: UUID? }
            supplierId = try Key(from: decoder).supplierId
            draft = try ProductDraft(from: decoder)
        }
    }

    func createProduct(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let body = try request.decodeJSON(ProductBody.self)
        let supplier = principal.role == .enterprise ? principal.employerID : body.supplierId
        guard let supplier else { throw DomainError.invalid("supplierId", "required") }
        return try await request.products.create(body.draft, supplier: supplier, by: principal).encodeResponse(status: .created, for: request)
    }

    func showProduct(request: Request) async throws -> Product {
        // Holds past their time give their stock back before the stock is read.
        try await request.orders.expireUnpaid()
        return try await request.products.get(try request.uuidParameter(entity: "product"), by: request.principal)
    }

    func updateProduct(request: Request) async throws -> Product {
        try await request.products.update(try request.uuidParameter(entity: "product"), with: try request.decodeJSON(ProductDraft.self),
                                          by: try request.signedIn())
    }

    /// A certification decision.
    struct Decision: Decodable {
        var decision: String?
        var reason: String?
    }

    func decide(request: Request) async throws -> Product {
        let principal = try request.signedIn()
        let body = try request.decodeJSON(Decision.self)
        guard let decision = body.decision, ["approve", "reject"].contains(decision) else {
            throw DomainError.invalid("decision", body.decision == nil ? "required" : "unknown_choice", ["value": body.decision ?? ""])
        }
        return try await request.products.decide(try request.uuidParameter(entity: "product"), approve: decision == "approve",
                                                 reason: body.reason, by: principal)
    }

    func addImage(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let bytes = request.body.data.map { Array($0.readableBytesView) } ?? []
        return try await request.products.addImage(bytes, to: try request.uuidParameter(entity: "product"), by: principal)
            .encodeResponse(status: .created, for: request)
    }

    // MARK: Registers

    func listBrands(request: Request) async throws -> Response {
        let region = try request.queryRegion()
        return try await request.list(SheetSpec(name: "export.sheet.regional_brands"), defaultPerPage: 200) { paging in
            try await request.consumption.brands(region: region, page: paging)
        }
    }

    func createBrand(request: Request) async throws -> Response {
        try await request.consumption.saveBrand(try request.decodeJSON(RegionalBrandDraft.self), by: try request.signedIn())
            .encodeResponse(status: .created, for: request)
    }

    func updateBrand(request: Request) async throws -> RegionalBrand {
        try await request.consumption.saveBrand(try request.decodeJSON(RegionalBrandDraft.self), id: try request.uuidParameter(entity: "regional_brand"),
                                                by: try request.signedIn())
    }

    func listEvents(request: Request) async throws -> Response {
        let region = try request.queryRegion()
        return try await request.list(SheetSpec(name: "export.sheet.sales_events", values: ["kind": "sales_event_kind"])) { paging in
            try await request.consumption.events(region: region, page: paging)
        }
    }

    func createEvent(request: Request) async throws -> Response {
        try await request.consumption.saveEvent(try request.decodeJSON(SalesEventDraft.self), by: try request.signedIn())
            .encodeResponse(status: .created, for: request)
    }

    func updateEvent(request: Request) async throws -> SalesEvent {
        try await request.consumption.saveEvent(try request.decodeJSON(SalesEventDraft.self), id: try request.uuidParameter(entity: "sales_event"),
                                                by: try request.signedIn())
    }

    func listProcurements(request: Request) async throws -> Response {
        let year = try request.queryInt("year") ?? request.today.year
        let items = try await request.consumption.procurements(year: year, region: try request.queryRegion(), by: try request.signedIn())
            .map { ProcurementDTO(procurement: $0, shareBasisPoints: $0.shareBasisPoints, meetsFloor: $0.meetsFloor) }
        return try await request.list(SheetSpec(name: "export.sheet.procurements"), all: items, defaultPerPage: Paging.maxPerPage)
    }

    func createProcurement(request: Request) async throws -> Response {
        try await request.consumption.saveProcurement(try request.decodeJSON(ProcurementDraft.self), by: try request.signedIn())
            .encodeResponse(status: .created, for: request)
    }

    func updateProcurement(request: Request) async throws -> Procurement {
        try await request.consumption.saveProcurement(try request.decodeJSON(ProcurementDraft.self),
                                                      id: try request.uuidParameter(entity: "procurement"), by: try request.signedIn())
    }

    // MARK: Sales

    func listSales(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let region = try request.queryRegion() ?? principal.jurisdiction ?? ""
        let year = try request.queryInt("year") ?? request.today.year
        return try await request.list(SheetSpec(name: "export.sheet.sales")) { paging in
            try await request.salesLedger.list(year: year, region: region, by: principal, page: paging)
        }
    }

    func reverseSale(request: Request) async throws -> Response {
        try await request.salesLedger.reverse(try request.uuidParameter(entity: "sale"), try request.decodeJSON(ReversalDraft.self),
                                              by: try request.signedIn()).encodeResponse(status: .created, for: request)
    }

    func recordSale(request: Request) async throws -> Response {
        try await request.salesLedger.record(try request.decodeJSON(SaleDraft.self), by: try request.signedIn())
            .encodeResponse(status: .created, for: request)
    }

    /// The sales import of an earlier version, kept at its address: the same as `POST /api/v1/imports/sales`.
    func importSales(request: Request) async throws -> Response {
        guard let kind = ImportKind.named("sales"), kind.allowed(try request.signedIn()) else { throw DomainError.forbidden }
        return try await ImportController.api(request, kind: kind)
    }

    // Not optimised: Swift 6.3.1's release build crashes (signal 11, LLVM's coroutine splitting) on this function.
    @_optimize(none)
    func panels(request: Request) async throws -> ConsumptionPanels {
        let principal = try request.signedIn()
        let region = try request.queryRegion() ?? principal.jurisdiction ?? "61"
        guard principal.role?.isStaff == true, principal.scope.covers(region) else { throw DomainError.notFound("region") }
        return try await request.consumptionPanels.panels(year: try request.queryInt("year") ?? request.today.year, region: region)
    }
}
