import Vapor
import XiezuoCore
import XiezuoStore

/// The shop's orders: anyone orders; the buyer reads and answers with the order's key (or their account); the
/// supplier's accounts and the staff covering it run it.
struct OrdersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let orders = routes.grouped("api", "v1", "orders")
        orders.post(use: place)
        orders.get(use: list)
        orders.get(":id", use: show)
        orders.post(":id", "status", use: move)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Order id")
        return [
            APIOperation(.POST, "/api/v1/orders", tag: "consumption",
                         summary: "Order published products of one supplier; the stock is taken at once (never oversold). Answers the order and its key",
                         request: "OrderDraft", response: .object("PlacedOrder"), status: 201),
            APIOperation(.GET, "/api/v1/orders", tag: "consumption", summary: "A supplier's orders (its accounts) or the staff's jurisdiction's",
                         parameters: [.query("status", "placed, paid, shipped, received, cancelled or refunded")] + APIOperation.Parameter.paging,
                         response: .list("Order"), secured: true),
            APIOperation(.GET, "/api/v1/orders/{id}", tag: "consumption", summary: "One order: its buyer (key or account), supplier or staff",
                         parameters: [id, .query("key", "The key answered when the order was placed")], response: .object("Order")),
            APIOperation(.POST, "/api/v1/orders/{id}/status", tag: "consumption",
                         summary: "paid, shipped, refunded, cancelled (supplier side); received (buyer); a placed order cancelled by its buyer",
                         parameters: [id], request: "OrderStatusChange", response: .object("Order")),
        ]
    }()

    func place(request: Request) async throws -> Response {
        if request.principal.accountID == nil { try request.throttle(.anonymousOrders, request.clientAddress) }
        let placed = try await request.orders.place(try request.decodeJSON(OrderDraft.self), by: request.principal)
        return try await PlacedOrderDTO(order: placed.order, key: placed.key).encodeResponse(status: .created, for: request)
    }

    func list(request: Request) async throws -> Response {
        let (status, principal) = (try request.queryChoice("status", as: OrderStatus.self), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.orders", values: ["status": "order_status"])) { paging in
            try await request.orders.list(status: status, by: principal, page: paging)
        }
    }

    func show(request: Request) async throws -> Order {
        try await request.orders.get(try request.uuidParameter(entity: "order"), key: try request.queryText("key", max: 64), by: request.principal)
    }

    /// A status change, with the key when the buyer has no account.
    struct Move: Decodable {
        var status: String?
        var key: String?
    }

    func move(request: Request) async throws -> Order {
        let body = try request.decodeJSON(Move.self)
        let status = try request.bodyChoice(body.status, field: "status", as: OrderStatus.self)
        return try await request.orders.move(try request.uuidParameter(entity: "order"), to: status, key: body.key, by: request.principal)
    }
}
