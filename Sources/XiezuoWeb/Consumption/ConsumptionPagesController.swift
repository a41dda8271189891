import Vapor
import XiezuoCore
import XiezuoStore

/// The public shop: the catalogue of certified products (search in Chinese, filters by city, brand and category),
/// a page per product with its pictures, the cart, checkout (one order per supplier) and the buyer's order page.
struct ConsumptionPagesController: RouteCollection {
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
        var cities: [ChoiceOption]
        var brands: [ChoiceOption]
        var categories: [ChoiceOption]
        var activeFilters: String
        var filtersOpen: Bool
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
                 brand: product.brandID.flatMap { brandNames[$0] }, image: product.images.first.map { ProductImage.url($0, of: product.id, thumbnail: true) },
                 specification: product.specification, category: request.t("product_category.\(product.category.rawValue)"))
        }
        let context = CatalogueContext(
            cards: cards, hasCards: !cards.isEmpty, pager: Pager(page, request: request), q: filter.search ?? "",
            cities: RegisterPage.cities(request, selected: filter.region),
            brands: [ChoiceOption(value: "", label: request.t("products.all_brands"), selected: filter.brandID == nil)]
                + brands.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: $0.id == filter.brandID) },
            categories: [ChoiceOption(value: "", label: request.t("products.all_categories"), selected: filter.category == nil)]
                + ProductCategory.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: request.t("product_category.\($0.rawValue)"), selected: $0 == filter.category)
                },
            activeFilters: [filter.region.map { request.services.regions.label($0) }, filter.brandID.flatMap { brandNames[$0] },
                            filter.category.map { request.t("product_category.\($0.rawValue)") }].compactMap { $0 }.joined(separator: " · "),
            filtersOpen: false)
        return try await request.view.render("Consumption/products", PageContext(request, context))
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
        /// 仅剩 N 件 (twenty or fewer) or 有货（N 件）.
        var stockText: String
        var error: String?
        var quantity: String
    }

    func product(request: Request) async throws -> Response {
        try await renderProduct(request, id: try request.uuidParameter(entity: "product"))
    }

    /// The product page; `error` and `quantity` when adding to the cart was refused (shown beside the quantity).
    func renderProduct(_ request: Request, id: UUID, error: String? = nil, quantity: String = "1", status: HTTPStatus = .ok) async throws -> Response {
        // Holds past their time give their stock back before the page shows it.
        try await request.orders.expireUnpaid()
        let product = try await request.products.get(id, by: request.principal)
        let brand = await product.brandID.asyncMap { try? await request.consumption.brand($0).name } ?? nil
        let context = ProductContext(
            product: product, price: price(product, request), place: request.services.regions.placeName(product.countyCode), brand: brand,
            category: request.t("product_category.\(product.category.rawValue)"),
            certification: request.t("certification.\(product.certification.rawValue)"), certified: product.isCertified,
            images: product.images.map { ProductImage.url($0, of: product.id) },
            canEdit: Permissions.canEditProduct(request.principal, supplierID: product.supplierID, countyCode: product.countyCode),
            history: product.history.map { "\($0.on) \(request.t("certification.\($0.status.rawValue)")) · \($0.by)" + ($0.reason.map { "：\($0)" } ?? "") },
            inStock: product.stock > 0,
            stockText: request.t(product.stock <= 20 ? "products.left" : "products.in_stock", ["count": String(product.stock)]),
            error: error, quantity: quantity)
        return try await request.view.render("Consumption/product", PageContext(request, context)).encodeResponse(status: status, for: request)
    }

    func image(request: Request) async throws -> Response {
        let (type, data) = try await request.products.image(try request.uuidParameter("image", entity: "image"),
                                                            of: try request.uuidParameter(entity: "product"),
                                                            thumbnail: request.query[String.self, at: "size"] == "thumb", by: request.principal)
        return Response.picture(type, data)
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
