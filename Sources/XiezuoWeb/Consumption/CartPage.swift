import Vapor
import XiezuoCore
import XiezuoStore

/// The cart, checkout and the order's page, phone-first: a card per line, a checkout form per supplier with the
/// delivery district picked by name, every problem beside its field, and an order page that says what happens next.
extension ConsumptionPagesController {
    struct CartLine: Encodable {
        var productId: UUID
        var name: String
        var specification: String
        var price: String
        var quantity: Int
        var subtotal: String
        var image: String?
        /// 仅剩 N 件 when the cart holds more than the stock.
        var overStock: String?
        var stock: Int
    }

    struct CartSupplier: Encodable {
        var supplierId: UUID
        var title: String
        var lines: [CartLine]
        var total: String
        /// The checkout form's values and errors (only for the supplier whose form was posted).
        var values: [String: String]
        var errors: [String: String]
        var error: String?
    }

    struct CartContext: Encodable {
        var suppliers: [CartSupplier]
        var isEmpty: Bool
    }

    func cart(request: Request) async throws -> Response {
        try await renderCart(request)
    }

    /// The cart; what an action says about it comes as the layout's flash message.
    func renderCart(_ request: Request, posted: UUID? = nil, values: [String: String] = [:],
                    errors: [String: String] = [:], error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let cart = Cart.current(request)
        var groups: [UUID: [(Product, Int)]] = [:]
        var order: [UUID] = []
        for item in cart.items {
            guard let product = try? await request.products.get(item.productId), product.isCertified else { continue }
            if groups[product.supplierID] == nil { order.append(product.supplierID) }
            groups[product.supplierID, default: []].append((product, item.quantity))
        }
        let suppliers = order.map { supplier -> CartSupplier in
            let lines = groups[supplier]!
            let total = lines.reduce(Int64(0)) { $0 + $1.0.price * Int64($1.1) }
            let first = lines[0].0
            return CartSupplier(
                supplierId: supplier,
                title: request.t("cart.supplier", ["name": first.supplierName, "place": request.services.regions.placeName(first.countyCode)]),
                lines: lines.map { product, quantity in
                    CartLine(productId: product.id, name: product.name, specification: product.specification, price: price(product, request),
                             quantity: quantity, subtotal: Formatting.yuan(product.price * Int64(quantity)),
                             image: product.images.first.map { ProductImage.url($0, of: product.id, thumbnail: true) },
                             overStock: quantity > product.stock ? request.t("cart.over_stock", ["left": String(product.stock)]) : nil,
                             stock: product.stock)
                },
                total: Formatting.yuan(total),
                values: supplier == posted ? values : [:], errors: supplier == posted ? errors : [:], error: supplier == posted ? error : nil)
        }
        let context = CartContext(suppliers: suppliers, isEmpty: suppliers.isEmpty)
        return try await request.view.render("Consumption/cart", PageContext(request, context)).encodeResponse(status: status, for: request)
    }

    /// Adds from the product page: a quantity that is not 1…stock is answered on the product page, beside the field.
    func addToCart(request: Request) async throws -> Response {
        struct Form: Content { var productId: UUID?; var quantity: String? }
        let form = try request.content.decode(Form.self)
        guard let id = form.productId else { throw DomainError.invalid("productId", "required") }
        let product = try await request.products.get(id)
        guard product.isCertified else { throw DomainError.notFound("product") }
        let typed = form.quantity ?? ""
        let most = min(Cart.maxQuantity, product.stock)
        guard let quantity = Int(typed.trimmingCharacters(in: .whitespaces)), quantity >= 1, quantity <= Cart.maxQuantity else {
            return try await renderProduct(request, id: id, error: request.t("error.quantity_range", ["max": String(max(1, most))]),
                                           quantity: String(typed.prefix(12)), status: .badRequest)
        }
        var cart = Cart.current(request)
        let already = cart.items.first { $0.productId == id }?.quantity ?? 0
        guard already + quantity <= product.stock else {
            return try await renderProduct(request, id: id, error: request.t("error.quantity_over_stock", ["left": String(max(0, product.stock - already))]),
                                           quantity: String(quantity), status: .badRequest)
        }
        try cart.add(id, quantity: quantity)
        try cart.save(request)
        request.flash(request.t("cart.added", ["product": product.name, "quantity": String(quantity)]))
        return request.redirect(to: "/cart")
    }

    /// Changes a line's quantity (0 or the remove button takes it out); a bad quantity is answered on the cart page.
    func updateCart(request: Request) async throws -> Response {
        struct Form: Content { var productId: UUID?; var quantity: String?; var remove: String? }
        let form = try request.content.decode(Form.self)
        guard let id = form.productId else { throw DomainError.invalid("productId", "required") }
        var cart = Cart.current(request)
        if form.remove != nil {
            try cart.set(id, quantity: 0)
            try cart.save(request)
            request.flash(request.t("cart.removed"))
            return request.redirect(to: "/cart")
        }
        guard let quantity = Int((form.quantity ?? "").trimmingCharacters(in: .whitespaces)), quantity >= 0, quantity <= Cart.maxQuantity else {
            return try await renderCart(request, error: request.t("error.quantity_range", ["max": String(Cart.maxQuantity)]), status: .badRequest)
        }
        try cart.set(id, quantity: quantity)
        try cart.save(request)
        request.flash(request.t(quantity == 0 ? "cart.removed" : "cart.updated"))
        return request.redirect(to: "/cart")
    }

    /// Places one supplier's order. The district is typed by name; every buyer field's problem is shown at once.
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
        var reader = FormReader()
        let region = reader.place(values["buyerRegion"], field: "buyerRegion", levels: [.county, .township], request: request)
        let draft = OrderDraft(buyerName: values["buyerName"], buyerPhone: values["buyerPhone"], address: values["address"],
                               buyerRegion: region, items: items)
        let errors = reader.errors(adding: draft.buyerProblems(in: request.services.regions), request: request)
        guard errors.isEmpty else {
            return try await renderCart(request, posted: supplier, values: values, errors: errors, status: .badRequest)
        }
        do {
            if request.principal.accountID == nil { try request.throttle(.anonymousOrders, request.clientAddress) }
            let placed = try await request.orders.place(draft, by: request.principal)
            cart.items.removeAll { item in items.contains { $0.productId == item.productId } }
            try cart.save(request)
            return request.redirect(to: "/orders/\(placed.order.id)?key=\(placed.key)&placed=1")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict || error.kind == .tooManyRequests {
            return try await renderCart(request, posted: supplier, values: values, error: request.message(for: error),
                                        status: error.kind == .tooManyRequests ? .tooManyRequests : .badRequest)
        }
    }

    struct OrderContext: Encodable {
        struct Line: Encodable { var productId: UUID; var name: String; var price: String; var quantity: Int; var amount: String }
        struct Move: Encodable { var status: String; var label: String }
        var number: String
        var status: String
        var statusCode: String
        var placed: Bool
        var buyerName: String
        var buyerPhone: String
        var address: String
        var region: String
        var supplier: String
        var lines: [Line]
        var total: String
        var placedOn: String
        var moves: [Move]
        var action: String
        var link: String?
        var holdMinutes: Int
        var isOpen: Bool
        var error: String?
    }

    func order(request: Request) async throws -> Response {
        try await renderOrder(request, error: nil)
    }

    func renderOrder(_ request: Request, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let id = try request.uuidParameter(entity: "order")
        let key = try request.queryText("key", max: 64)
        let order = try await request.orders.get(id, key: key, by: request.principal)
        let query = key.map { "?key=\($0)" } ?? ""
        let seller = Permissions.canEditProduct(request.principal, supplierID: order.lines[0].supplierID, countyCode: order.lines[0].countyCode)
        let moves = order.status.next.filter { seller || $0 == .received || ($0 == .cancelled && order.status == .placed) }
        let supplier = (try? await request.products.get(order.lines[0].productID, by: request.principal))?.supplierName ?? ""
        let context = OrderContext(
            number: order.number, status: request.t("order_status.\(order.status.rawValue)"), statusCode: order.status.rawValue,
            placed: (try? request.query.get(String.self, at: "placed")) != nil, buyerName: order.buyerName, buyerPhone: order.buyerPhone,
            address: order.address, region: request.services.regions.label(order.buyerRegion), supplier: supplier,
            lines: order.lines.map { OrderContext.Line(productId: $0.productID, name: $0.productName, price: Formatting.yuan($0.unitPrice), quantity: $0.quantity,
                                          amount: Formatting.yuan($0.amount)) },
            total: Formatting.yuan(order.total), placedOn: order.placedOn.description,
            moves: moves.map { OrderContext.Move(status: $0.rawValue, label: request.t("order_action.\($0.rawValue)")) },
            action: "/orders/\(id)/status\(query)",
            link: key.map { _ in
                let scheme = request.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
                return (request.headers.first(name: .host).map { "\(scheme)://\($0)" } ?? "") + "/orders/\(id)\(query)"
            },
            holdMinutes: request.services.settings.orderHoldMinutes, isOpen: order.status == .placed, error: error)
        return try await request.view.render("Consumption/order", PageContext(request, context)).encodeResponse(status: status, for: request)
    }
}
