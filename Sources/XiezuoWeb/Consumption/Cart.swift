import Vapor
import XiezuoCore

/// The visitor's cart, kept in their session as JSON: product ids and quantities (prices are read when shown and
/// fixed when the order is placed).
struct Cart: Codable {
    struct Item: Codable, Equatable {
        var productId: UUID
        var quantity: Int
    }

    var items: [Item] = []

    /// The cart of this session (empty when there is none or it cannot be read).
    static func current(_ request: Request) -> Cart {
        // `hasSession`: an error answered before the sessions middleware ran (a body too large) has none to read.
        guard request.hasSessionCookie, request.hasSession, let text = request.session.data["cart"],
              let cart = try? JSONDecoder().decode(Cart.self, from: Data(text.utf8)) else { return Cart() }
        return cart
    }

    /// Stores the cart in the session.
    func save(_ request: Request) throws {
        request.session.data["cart"] = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// The most of one product a cart holds.
    static let maxQuantity = 999

    /// Adds `quantity` (1…999 in all) of a product. The quantity is capped before it is added, so no value a
    /// request can carry overflows.
    mutating func add(_ product: UUID, quantity: Int) throws {
        guard quantity > 0 else { throw DomainError.invalid("quantity", "must_be_positive") }
        let quantity = min(Self.maxQuantity, quantity)
        if let index = items.firstIndex(where: { $0.productId == product }) {
            items[index].quantity = min(Self.maxQuantity, min(Self.maxQuantity, items[index].quantity) + quantity)
        } else {
            guard items.count < 50 else { throw DomainError.invalid("items", "too_many", ["max": "50"]) }
            items.append(Item(productId: product, quantity: quantity))
        }
    }

    /// Sets a product's quantity; zero removes it.
    mutating func set(_ product: UUID, quantity: Int) throws {
        guard quantity >= 0 else { throw DomainError.invalid("quantity", "negative") }
        if quantity == 0 { items.removeAll { $0.productId == product } } else if let index = items.firstIndex(where: { $0.productId == product }) {
            items[index].quantity = min(Self.maxQuantity, quantity)
        }
    }
}
