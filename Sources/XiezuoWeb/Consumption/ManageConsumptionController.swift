import Vapor
import XiezuoCore
import XiezuoStore

/// The working side of consumption assistance. Staff see the panels of their jurisdiction, the products waiting for
/// their certification decision, orders, procurement and forms for sales, imports, events and brands; a supplier's
/// accounts see their products and orders.
struct ManageConsumptionController: RouteCollection, RecordFormPage {
    let fieldAliases = ["supplierIds": "supplierCodes"]

    func boot(routes: any RoutesBuilder) throws {
        let manage = routes.grouped("manage", "consumption")
        manage.get(use: overview)
        manage.get(":kind", "new", use: newForm)
        manage.post(":kind", use: create)
        manage.get(":kind", ":id", "edit", use: editForm)
        manage.post(":kind", ":id", use: update)
        // Decisions, and picture uploads (a picture may be 2 MB; the multipart body around it a little more).
        manage.collecting(.POST, ":kind", ":id", ":action", maxSize: "3mb", use: act)
    }

    func keeper(_ request: Request) throws -> Principal {
        let principal = try request.signedIn()
        guard principal.role?.isStaff == true || (principal.role == .enterprise && principal.employerID != nil) else { throw DomainError.forbidden }
        return principal
    }

    func overview(request: Request) async throws -> Response {
        try await render(request, error: nil, notice: nil)
    }

    /// `reversal` refills the reason of a refused sale reversal.
    func render(_ request: Request, error: String?, notice: String?, 
                reversal: (sale: UUID, reason: String)? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let principal = try keeper(request)
        let staff = principal.role?.isStaff == true
        let place = request.services.regions.placeName
        let year = try request.queryInt("year") ?? request.today.year
        var sections: [RegisterPage.Section] = []
        var facts: [RegisterPage.Fact] = []
        var ledger: Paged<Sale>?
        if staff {
            let region = try request.queryRegion() ?? principal.jurisdiction ?? "61"
            guard principal.scope.covers(region) else { throw DomainError.notFound("region") }
            ledger = try await request.salesLedger.list(year: year, region: region, by: principal, page: try request.pageRequest(defaultPerPage: 20))
            let panels = try await request.consumptionPanels.panels(year: year, region: region)
            facts.append(RegisterPage.Fact(label: request.t("manage_consumption.total", ["year": String(year)]), value: Formatting.wan(panels.total)))
            for channel in SaleChannel.allCases {
                facts.append(RegisterPage.Fact(label: request.t("sale_channel.\(channel.rawValue)"), value: Formatting.wan(panels.byChannel[channel.rawValue] ?? 0)))
            }
            let regionRows = panels.byRegion.sorted { $0.value > $1.value }.map {
                RegisterPage.Row(cells: [RegisterPage.Cell(place($0.key), note: $0.key == region && panels.byRegion.count > 1 ? request.t("manage_consumption.own_level") : nil),
                                         RegisterPage.Cell(Formatting.wan($0.value))])
            }
            let monthRows = panels.byMonth.enumerated().filter { $0.element != 0 }.map {
                RegisterPage.Row(cells: [RegisterPage.Cell(request.t("manage_consumption.month", ["month": String($0.offset + 1)])),
                                         RegisterPage.Cell(Formatting.wan($0.element))])
            }
            let topRows = panels.topProducts.map {
                RegisterPage.Row(cells: [RegisterPage.Cell($0.name, href: $0.productID.map { "/products/\($0)" }), RegisterPage.Cell(Formatting.wan($0.amount)),
                                         RegisterPage.Cell(String($0.quantity))])
            }
            let wan = request.t("unit.wan_yuan")
            sections += [
                RegisterPage.Section(title: request.t("manage_consumption.by_region"), headers: [request.t("field.region"), wan], rows: regionRows,
                                     empty: request.t("manage_consumption.no_sales")),
                RegisterPage.Section(title: request.t("manage_consumption.by_month"), headers: [request.t("field.month"), wan], rows: monthRows,
                                     empty: request.t("manage_consumption.no_sales")),
                RegisterPage.Section(title: request.t("manage_consumption.top_products"), headers: [request.t("field.name"), wan, request.t("field.quantity")],
                                     rows: topRows, empty: request.t("manage_consumption.no_sales")),
            ]
            let procurements = try await request.consumption.procurements(year: year, by: principal).map { unit in
                RegisterPage.Row(cells: [RegisterPage.Cell(unit.unitName, href: "/manage/consumption/procurements/\(unit.id)/edit"),
                                         RegisterPage.Cell(place(unit.regionCode)),
                                         RegisterPage.Cell(Formatting.wan(unit.canteenSpending)), RegisterPage.Cell(Formatting.wan(unit.povertyAreaSpending)),
                                         RegisterPage.Cell(unit.shareBasisPoints.map { Formatting.percent(Int64($0)) } ?? request.t("manage_consumption.no_spending"),
                                                           note: unit.meetsFloor.map { request.t($0 ? "manage_consumption.meets_floor" : "manage_consumption.below_floor") })])
            }
            sections.append(RegisterPage.Section(title: request.t("manage_consumption.procurement", ["year": String(year)]),
                                                 headers: [request.t("field.unitName"), request.t("field.regionCode"), request.t("field.canteenSpending"),
                                                           request.t("field.povertyAreaSpending"), request.t("manage_consumption.share")],
                                                 rows: procurements, empty: request.t("manage_consumption.no_procurement")))
            let events = try await request.consumption.events(page: Paging(perPage: 20)).items.map { event in
                let editable = Permissions.canRecordSales(principal, regionCode: event.cityCode)
                return RegisterPage.Row(cells: [
                    RegisterPage.Cell(event.date.description), RegisterPage.Cell(event.title, href: editable ? "/manage/consumption/events/\(event.id)/edit" : nil,
                                                                                note: request.t("sales_event_kind.\(event.kind.rawValue)")),
                    RegisterPage.Cell(place(event.cityCode)), RegisterPage.Cell("\(event.dealsSigned) · \(Formatting.wan(event.dealsAmount))"),
                ])
            }
            sections.append(RegisterPage.Section(title: request.t("manage_consumption.events"),
                                                 headers: [request.t("field.date"), request.t("field.title"), request.t("field.cityCode"),
                                                           request.t("manage_consumption.deals")], rows: events, empty: request.t("manage_consumption.no_events")))
            let queue = try await request.products.awaitingDecision(by: principal).map { product in
                RegisterPage.Row(cells: [RegisterPage.Cell(product.name, href: "/products/\(product.id)"), RegisterPage.Cell(product.supplierName),
                                         RegisterPage.Cell(place(product.countyCode)),
                                         RegisterPage.Cell(request.t("certification.\(product.certification.rawValue)"))],
                                 actions: [
                                    RegisterPage.Action(action: "/manage/consumption/products/\(product.id)/approve",
                                                        label: request.t("certification_next.\(product.certification.rawValue)")),
                                    RegisterPage.Action(action: "/manage/consumption/products/\(product.id)/reject", label: request.t("manage_consumption.reject"),
                                                        fields: [FormField(name: "reason", label: request.t("field.reason"), kind: "text", value: "", max: 500)]),
                                 ])
            }
            sections.append(RegisterPage.Section(title: request.t("manage_consumption.queue"),
                                                 headers: [request.t("field.name"), request.t("field.supplierId"), request.t("field.countyCode"), request.t("field.status")],
                                                 rows: queue, empty: request.t("manage_consumption.queue_empty")))
        }
        let products = try await request.products.list(ProductFilter(publishedOnly: false), by: principal, page: Paging(perPage: 50)).items.map { product in
            RegisterPage.Row(cells: [RegisterPage.Cell(product.name, href: "/products/\(product.id)"), RegisterPage.Cell(product.supplierName),
                                     RegisterPage.Cell(Formatting.yuan(product.price)), RegisterPage.Cell(String(product.stock)),
                                     RegisterPage.Cell(request.t("certification.\(product.certification.rawValue)"))],
                             actions: [RegisterPage.Action(action: "/manage/consumption/products/\(product.id)/image", label: request.t("manage_consumption.upload"),
                                                           fields: [FormField(name: "image", label: request.t("field.image"), kind: "picture", value: "",
                                                                              hint: "image/jpeg,image/png,image/webp")], multipart: true)])
        }
        sections.append(RegisterPage.Section(title: request.t("manage_consumption.products"),
                                             headers: [request.t("field.name"), request.t("field.supplierId"), request.t("field.price"), request.t("field.stock"),
                                                       request.t("field.status")], rows: products, empty: request.t("products.empty")))
        let orders = try await request.orders.list(by: principal, page: Paging(perPage: 50)).items.map { order in
            RegisterPage.Row(cells: [RegisterPage.Cell(order.number, href: "/orders/\(order.id)"), RegisterPage.Cell(order.placedOn.description),
                                     RegisterPage.Cell(order.buyerName + " · " + order.buyerPhone), RegisterPage.Cell(Formatting.yuan(order.total)),
                                     RegisterPage.Cell(request.t("order_status.\(order.status.rawValue)"))])
        }
        sections.append(RegisterPage.Section(title: request.t("manage_consumption.orders"),
                                             headers: [request.t("orders.number"), request.t("orders.placed_on"), request.t("field.buyerName"),
                                                       request.t("orders.total"), request.t("field.status")], rows: orders, empty: request.t("manage_consumption.no_orders")))
        if staff {
            if let ledger { sections.append(salesSection(ledger, year: year, by: principal, reversal: reversal, request: request)) }
        }
        let kinds: [ConsumptionRecordKind] = staff ? ConsumptionRecordKind.allCases : [.products]
        return try await RegisterPage(
            title: request.t("manage_consumption.title"), intro: request.t("manage_consumption.intro"), error: error, notice: notice,
            links: kinds.map { RegisterPage.Link(href: "/manage/consumption/\($0.rawValue)/new", label: request.t("manage_consumption.new_\($0.rawValue)")) },
            facts: facts, sections: sections, pager: ledger.map { Pager($0, request: request) }).render(request, status: status)
    }

    /// The year's sales ledger, newest first: each sale with its reversal (红字冲销) beside it, and a reversal form
    /// (a reason, then the browser's confirmation) on the ones the viewer may reverse.
    func salesSection(_ ledger: Paged<Sale>, year: Int, by principal: Principal, reversal: (sale: UUID, reason: String)?,
                      request: Request) -> RegisterPage.Section {
        let place = request.services.regions.placeName
        let rows = ledger.items.map { sale -> RegisterPage.Row in
            var note: String?
            if let reason = sale.reason, sale.reverses != nil {
                note = request.t("reversal.reverses_sale", ["reason": reason])
            } else if sale.reversedBy != nil {
                note = request.t("reversal.reversed")
            }
            var actions: [RegisterPage.Action] = []
            if sale.reverses == nil, sale.reversedBy == nil, sale.amount > 0, sale.channel != .shop,
               Permissions.canRecordSales(principal, regionCode: sale.countyCode) {
                actions.append(RegisterPage.Action(
                    action: "/manage/consumption/sales/\(sale.id)/reverse", label: request.t("reversal.reverse"),
                    fields: [FormField(name: "reason", label: request.t("field.reason"), kind: "required",
                                       value: reversal?.sale == sale.id ? reversal?.reason ?? "" : "", max: 200)],
                    confirm: request.t("reversal.confirm_sale", ["product": sale.productName, "amount": Formatting.yuan(sale.amount),
                                                                 "date": sale.date.description])))
            }
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(sale.date.description), RegisterPage.Cell(sale.productName, note: request.t("sale_channel.\(sale.channel.rawValue)")),
                RegisterPage.Cell(place(sale.countyCode)), RegisterPage.Cell(place(sale.buyerRegion)),
                RegisterPage.Cell(Formatting.yuan(sale.amount), note: note), RegisterPage.Cell(String(sale.quantity)),
            ], actions: actions)
        }
        return RegisterPage.Section(
            title: request.t("manage_consumption.ledger", ["year": String(year), "count": String(ledger.total)]),
            headers: [request.t("field.date"), request.t("field.productName"), request.t("field.countyCode"), request.t("field.buyerRegion"),
                      request.t("field.amount_yuan"), request.t("field.quantity")],
            rows: rows, empty: request.t("manage_consumption.no_sales"))
    }

    func choices(_ kind: ConsumptionRecordKind, values: [String: String], request: Request, by principal: Principal) async throws -> [String: [ChoiceOption]] {
        switch kind {
        case .products:
            let brands = try await request.consumption.brands().items
            var result = ["brandId": [ChoiceOption(value: "", label: request.t("manage_labor.no_brand"), selected: (values["brandId"] ?? "").isEmpty)]
                + brands.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: values["brandId"] == $0.id.uuidString) }]
            if principal.role?.isStaff == true {
                let suppliers = try await request.employers.list(region: principal.jurisdiction.map { $0.hasPrefix("61") ? $0 : "61" } ?? "61",
                                                                 by: principal, page: Paging(perPage: 200)).items
                result["supplierId"] = suppliers.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: values["supplierId"] == $0.id.uuidString) }
            }
            return result
        case .sales:
            let products = try await request.products.list(ProductFilter(publishedOnly: false), by: principal, page: Paging(perPage: 200)).items
            return ["productId": [ChoiceOption(value: "", label: request.t("manage_consumption.no_product"), selected: (values["productId"] ?? "").isEmpty)]
                + products.map { ChoiceOption(value: $0.id.uuidString, label: "\($0.name) · \($0.specification)", selected: values["productId"] == $0.id.uuidString) }]
        default:
            return [:]
        }
    }

    func renderForm(_ request: Request, kind: ConsumptionRecordKind, id: UUID?, values: [String: String], errors: [String: String],
                    general: String?) async throws -> View {
        let principal = try keeper(request)
        var fields = kind.fields(values, errors: errors, request: request, choices: try await choices(kind, values: values, request: request, by: principal))
        if kind == .products, principal.role == .enterprise || id != nil { fields.removeAll { $0.name == "supplierId" } }
        let context = ManageIndustryController.FormContext(
            title: request.t("manage_consumption.\(id == nil ? "new" : "edit")_\(kind.rawValue)"),
            action: "/manage/consumption/\(kind.rawValue)" + (id.map { "/\($0)" } ?? ""), fields: fields, error: general,
            back: "/manage/consumption", backLabel: request.t("manage_consumption.title"))
        return try await request.view.render("Support/record-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        let principal = try keeper(request)
        let kind = try kind(request)
        guard kind == .products || principal.role?.isStaff == true else { throw DomainError.forbidden }
        var values: [String: String] = ["date": request.today.description, "year": String(request.today.year)]
        if let jurisdiction = principal.jurisdiction, jurisdiction.hasPrefix("32") { values["regionCode"] = jurisdiction; values["buyerRegion"] = jurisdiction }
        if let jurisdiction = principal.jurisdiction, jurisdiction.count == 6, jurisdiction.hasPrefix("61") { values["countyCode"] = jurisdiction }
        return try await renderForm(request, kind: kind, id: nil, values: values, errors: [:], general: nil)
    }

    /// Certification decisions and picture uploads.
    func act(request: Request) async throws -> Response {
        let principal = try keeper(request)
        if request.parameters.get("kind") == "sales" { return try await reverseSale(request: request, by: principal) }
        let id = try request.uuidParameter(entity: "product")
        guard request.parameters.get("kind") == "products" else { throw DomainError.notFound("page") }
        do {
            switch request.parameters.get("action") {
            case "approve": _ = try await request.products.decide(id, approve: true, by: principal)
            case "reject": _ = try await request.products.decide(id, approve: false, reason: try request.formValues()["reason"], by: principal)
            case "image":
                // The browser sends a thumbnail it made beside the picture (static/thumbnail.js); without JavaScript, none.
                struct Upload: Content { var image: File?; var thumbnail: File? }
                let upload = try request.content.decode(Upload.self)
                guard let file = upload.image else { throw DomainError.invalid("image", "required") }
                let thumbnail = upload.thumbnail.map { Array($0.data.readableBytesView) }.flatMap { $0.isEmpty ? nil : $0 }
                _ = try await request.products.addImage(Array(file.data.readableBytesView), thumbnail: thumbnail, to: id, by: principal)
            default: throw DomainError.notFound("page")
            }
            return request.redirect(to: "/manage/consumption")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await render(request, error: request.message(for: error), notice: nil, status: .badRequest)
        }
    }

    /// Reverses a sale with the reason typed beside it.
    func reverseSale(request: Request, by principal: Principal) async throws -> Response {
        guard request.parameters.get("action") == "reverse" else { throw DomainError.notFound("page") }
        let id = try request.uuidParameter(entity: "sale")
        let reason = try request.formValues()["reason"]
        do {
            let reversal = try await request.salesLedger.reverse(id, ReversalDraft(reason: reason), by: principal)
            request.flash(request.t("flash.sale_reversed", ["product": reversal.productName, "amount": Formatting.yuan(-reversal.amount)]))
            return request.redirect(to: "/manage/consumption")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await render(request, error: request.message(for: error), notice: nil, reversal: (id, reason ?? ""),
                                    status: error.kind == .conflict ? .conflict : .badRequest)
        }
    }
}
