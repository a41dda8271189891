import Vapor
import XiezuoCore
import XiezuoStore

/// The public shop: the catalogue of certified products (search in Chinese, filters by city, brand and category),
/// a page per product with its pictures, the cart, checkout (one order per supplier) and the buyer's order page.
struct ConsumptionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("products", use: catalogue)
        routes.get("products", ":id", use: product)
        routes.get("products", ":id", "images", ":image", use: image)
        routes.get("cart", use: cart)
        routes.post("cart", use: addToCart)
        routes.post("cart", "update", use: updateCart)
        routes.post("cart", "checkout", use: checkout)
        routes.get("orders", ":id", use: order)
        routes.post("orders", ":id", "status", use: moveOrder)
    }

    struct Card: Encodable {
        var id: UUID
        var name: String
        var price: String
        var place: String
        var brand: String?
        var image: String?
        var specification: String
        var category: String
    }

    struct CatalogueContext: Encodable {
        var cards: [Card]
        var hasCards: Bool
        var pager: Pager
        var q: String
        var cities: [JobBoardPage.Option]
        var brands: [JobBoardPage.Option]
        var categories: [JobBoardPage.Option]
        var cartCount: Int
    }

    func price(_ product: Product, _ request: Request) -> String {
        request.t("products.price", ["price": Formatting.yuan(product.price), "unit": product.unit])
    }

    func catalogue(request: Request) async throws -> View {
        let filter = try request.productFilter()
        let page = try await request.products.list(filter, page: try request.pageRequest(defaultPerPage: 24))
        let brands = try await request.consumption.brands().items
        let brandNames = Dictionary(brands.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let cards = page.items.map { product in
            Card(id: product.id, name: product.name, price: price(product, request), place: request.services.regions.placeName(product.countyCode),
                 brand: product.brandID.flatMap { brandNames[$0] }, image: product.images.first.map { "/products/\(product.id)/images/\($0.id)" },
                 specification: product.specification, category: request.t("product_category.\(product.category.rawValue)"))
        }
        let context = CatalogueContext(
            cards: cards, hasCards: !cards.isEmpty, pager: Pager(page, request: request), q: filter.search ?? "",
            cities: RegisterPage.cities(request, selected: filter.region),
            brands: [JobBoardPage.Option(value: "", label: request.t("products.all_brands"), selected: filter.brandID == nil)]
                + brands.map { JobBoardPage.Option(value: $0.id.uuidString, label: $0.name, selected: $0.id == filter.brandID) },
            categories: [JobBoardPage.Option(value: "", label: request.t("products.all_categories"), selected: filter.category == nil)]
                + ProductCategory.allCases.map {
                    JobBoardPage.Option(value: $0.rawValue, label: request.t("product_category.\($0.rawValue)"), selected: $0 == filter.category)
                },
            cartCount: Cart.current(request).items.reduce(0) { $0 + $1.quantity })
        return try await request.view.render("products", PageContext(request, context))
    }

    struct ProductContext: Encodable {
        var product: Product
        var price: String
        var place: String
        var brand: String?
        var category: String
        var certification: String
        var certified: Bool
        var images: [String]
        var canEdit: Bool
        var history: [String]
        var inStock: Bool
    }

    func product(request: Request) async throws -> View {
        // Holds past their time give their stock back before the page shows it.
        try await request.orders.expireUnpaid()
        let product = try await request.products.get(try request.uuidParameter(entity: "product"), by: request.principal)
        let brand = await product.brandID.asyncMap { try? await request.consumption.brand($0).name } ?? nil
        let context = ProductContext(
            product: product, price: price(product, request), place: request.services.regions.placeName(product.countyCode), brand: brand,
            category: request.t("product_category.\(product.category.rawValue)"),
            certification: request.t("certification.\(product.certification.rawValue)"), certified: product.isCertified,
            images: product.images.map { "/products/\(product.id)/images/\($0.id)" },
            canEdit: Permissions.canEditProduct(request.principal, supplierID: product.supplierID, countyCode: product.countyCode),
            history: product.history.map { "\($0.on) \(request.t("certification.\($0.status.rawValue)")) · \($0.by)" + ($0.reason.map { "：\($0)" } ?? "") },
            inStock: product.stock > 0)
        return try await request.view.render("product", PageContext(request, context))
    }

    func image(request: Request) async throws -> Response {
        let (type, data) = try await request.products.image(try request.uuidParameter("image", entity: "image"),
                                                            of: try request.uuidParameter(entity: "product"), by: request.principal)
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        headers.add(name: .cacheControl, value: "public, max-age=86400")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func addToCart(request: Request) async throws -> Response {
        struct Form: Content { var productId: UUID?; var quantity: String? }
        let form = try request.content.decode(Form.self)
        guard let id = form.productId else { throw DomainError.invalid("productId", "required") }
        let quantity = try Validate.integer(form.quantity, field: "quantity")
        let product = try await request.products.get(id)
        guard product.isCertified else { throw DomainError.notFound("product") }
        var cart = Cart.current(request)
        try cart.add(id, quantity: quantity ?? 1)
        try cart.save(request)
        return request.redirect(to: "/cart")
    }

    func updateCart(request: Request) async throws -> Response {
        struct Form: Content { var productId: UUID?; var quantity: String? }
        let form = try request.content.decode(Form.self)
        guard let id = form.productId else { throw DomainError.invalid("productId", "required") }
        let quantity = try Validate.integer(form.quantity, field: "quantity")
        var cart = Cart.current(request)
        try cart.set(id, quantity: quantity ?? 0)
        try cart.save(request)
        return request.redirect(to: "/cart")
    }

    func cart(request: Request) async throws -> Response {
        try await renderCart(request, error: nil, values: [:])
    }

    func renderCart(_ request: Request, error: String?, values: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let cart = Cart.current(request)
        var groups: [UUID: [(Product, Int)]] = [:]
        var order: [UUID] = []
        for item in cart.items {
            guard let product = try? await request.products.get(item.productId) else { continue }
            if groups[product.supplierID] == nil { order.append(product.supplierID) }
            groups[product.supplierID, default: []].append((product, item.quantity))
        }
        let sections = order.map { supplier -> RegisterPage.Section in
            let lines = groups[supplier]!
            let total = lines.reduce(Int64(0)) { $0 + $1.0.price * Int64($1.1) }
            let rows = lines.map { product, quantity in
                RegisterPage.Row(cells: [RegisterPage.Cell(product.name, href: "/products/\(product.id)", note: product.specification),
                                         RegisterPage.Cell(price(product, request)), RegisterPage.Cell(String(quantity)),
                                         RegisterPage.Cell(Formatting.yuan(product.price * Int64(quantity)))],
                                 actions: [RegisterPage.Action(action: "/cart/update", label: request.t("cart.update"), fields: [
                                     FormField(name: "productId", label: "", kind: "hidden", value: product.id.uuidString),
                                     FormField(name: "quantity", label: request.t("field.quantity"), kind: "text", value: String(quantity), max: 3),
                                 ])])
            }
            func field(_ name: String, _ hint: String? = nil) -> FormField {
                FormField(name: name, label: request.t("field.\(name)"), kind: "text", value: values[name] ?? "", hint: hint, max: 200)
            }
            let checkout = RegisterPage.Action(
                action: "/cart/checkout", label: request.t("cart.checkout", ["total": Formatting.yuan(total)]), title: request.t("cart.buyer"),
                fields: [FormField(name: "supplier", label: "", kind: "hidden", value: supplier.uuidString), field("buyerName"), field("buyerPhone"),
                         field("address"), field("buyerRegion")])
            return RegisterPage.Section(title: lines[0].0.supplierName + " · " + request.services.regions.placeName(lines[0].0.countyCode),
                                        headers: [request.t("field.name"), request.t("field.price"), request.t("field.quantity"),
                                                  request.t("cart.subtotal")],
                                        rows: rows, empty: "", forms: [checkout])
        }
        return try await RegisterPage(
            title: request.t("cart.title"), intro: request.t("cart.intro"), back: "/products", backLabel: request.t("products.title"), error: error,
            sections: sections.isEmpty ? [RegisterPage.Section(headers: [], rows: [], empty: request.t("cart.empty"))] : sections)
            .render(request, status: status)
    }

    func checkout(request: Request) async throws -> Response {
        let values = try request.formValues()
        guard let supplier = values["supplier"].flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid("supplier", "required") }
        var cart = Cart.current(request)
        var items: [OrderDraft.Item] = []
        for item in cart.items {
            if let product = try? await request.products.get(item.productId), product.supplierID == supplier {
                items.append(OrderDraft.Item(productId: item.productId, quantity: item.quantity))
            }
        }
        do {
            if request.principal.accountID == nil { try request.throttle(.anonymousOrders, request.clientAddress) }
            let placed = try await request.orders.place(OrderDraft(buyerName: values["buyerName"], buyerPhone: values["buyerPhone"],
                                                                   address: values["address"], buyerRegion: values["buyerRegion"], items: items),
                                                        by: request.principal)
            cart.items.removeAll { item in items.contains { $0.productId == item.productId } }
            try cart.save(request)
            return request.redirect(to: "/orders/\(placed.order.id)?key=\(placed.key)")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict || error.kind == .tooManyRequests {
            return try await renderCart(request, error: request.message(for: error), values: values,
                                        status: error.kind == .tooManyRequests ? .tooManyRequests : .badRequest)
        }
    }

    func order(request: Request) async throws -> Response {
        try await renderOrder(request, error: nil)
    }

    func renderOrder(_ request: Request, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let id = try request.uuidParameter(entity: "order")
        let key = try request.queryText("key", max: 64)
        let order = try await request.orders.get(id, key: key, by: request.principal)
        let query = key.map { "?key=\($0)" } ?? ""
        let rows = order.lines.map { line in
            RegisterPage.Row(cells: [RegisterPage.Cell(line.productName, href: "/products/\(line.productID)"),
                                     RegisterPage.Cell(Formatting.yuan(line.unitPrice)), RegisterPage.Cell(String(line.quantity)),
                                     RegisterPage.Cell(Formatting.yuan(line.amount))])
        }
        let seller = Permissions.canEditProduct(request.principal, supplierID: order.lines[0].supplierID, countyCode: order.lines[0].countyCode)
        let moves = order.status.next.filter { seller || $0 == .received || ($0 == .cancelled && order.status == .placed) }
        let forms = moves.map { target in
            RegisterPage.Action(action: "/orders/\(id)/status\(query)", label: request.t("order_action.\(target.rawValue)"),
                                fields: [FormField(name: "status", label: "", kind: "hidden", value: target.rawValue)])
        }
        return try await RegisterPage(
            title: request.t("orders.title", ["number": order.number]), intro: key == nil ? nil : request.t("orders.keep_link"),
            back: "/products", backLabel: request.t("products.title"), error: error,
            facts: [RegisterPage.Fact(label: request.t("field.status"), value: request.t("order_status.\(order.status.rawValue)")),
                    RegisterPage.Fact(label: request.t("field.buyerName"), value: order.buyerName),
                    RegisterPage.Fact(label: request.t("field.buyerPhone"), value: order.buyerPhone),
                    RegisterPage.Fact(label: request.t("field.address"), value: order.address),
                    RegisterPage.Fact(label: request.t("orders.total"), value: Formatting.yuan(order.total)),
                    RegisterPage.Fact(label: request.t("orders.placed_on"), value: order.placedOn.description)],
            sections: [RegisterPage.Section(headers: [request.t("field.name"), request.t("field.price"), request.t("field.quantity"),
                                                      request.t("cart.subtotal")], rows: rows, empty: "", forms: forms)])
            .render(request, status: status)
    }

    func moveOrder(request: Request) async throws -> Response {
        let id = try request.uuidParameter(entity: "order")
        let values = try request.formValues()
        let key = try request.queryText("key", max: 64)
        do {
            let status = try request.bodyChoice(values["status"], field: "status", as: OrderStatus.self)
            _ = try await request.orders.move(id, to: status, key: key, by: request.principal)
            return request.redirect(to: "/orders/\(id)" + (key.map { "?key=\($0)" } ?? ""))
        } catch let error as DomainError where error.kind == .validation || error.kind == .forbidden {
            return try await renderOrder(request, error: request.message(for: error), status: .badRequest)
        }
    }
}
