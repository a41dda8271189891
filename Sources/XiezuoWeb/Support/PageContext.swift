import Vapor
import XiezuoCore

/// What every page's template gets besides its own content: who is signed in, the language and the path for
/// the language toggle.
struct PageContext<Body: Encodable>: Encodable {
    struct User: Encodable {
        var name: String
        var role: String
        var isAdmin: Bool
        var isStaff: Bool
        var canManageAccounts: Bool
        var managesJobs: Bool
        var isWorker: Bool
    }

    var user: User?
    var lang: String
    var otherLang: String
    var otherLangLabel: String
    var path: String
    /// Items in the visitor's cart, for the header's cart link.
    var cartCount: Int
    /// The message an action left for this page (``Request/flash(_:)``).
    var flash: String?
    /// The page's lists as workbooks ("导出 Excel"), for staff and employers.
    var exports: [ExportLink]
    var hasExports: Bool
    /// The import that fills the page's register ("从 Excel 导入").
    var importLink: ExportLink?
    var page: Body

    init(_ request: Request, _ page: Body) {
        let principal = request.principal
        if principal.accountID != nil, let role = principal.role {
            user = User(name: principal.name, role: request.t("role.\(role.rawValue)"), isAdmin: role == .admin,
                        isStaff: role.isStaff, canManageAccounts: role == .admin || role == .coordinator,
                        managesJobs: role.isStaff || (role == .enterprise && principal.employerID != nil), isWorker: role == .worker)
        }
        lang = request.language.rawValue
        let other: Language = request.language == .zhHans ? .en : .zhHans
        otherLang = other.rawValue
        // A language's name is written in that language, so the toggle reads right whatever the page's language.
        otherLangLabel = other == .en ? "English" : "中文"
        let query = request.url.query.map { "?" + $0 } ?? ""
        path = (request.url.path + query).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        cartCount = Cart.current(request).items.reduce(0) { $0 + $1.quantity }
        flash = request.takeFlash()
        exports = ExportLinks.links(for: request)
        importLink = ExportLinks.importLink(for: request)
        hasExports = !exports.isEmpty || importLink != nil
        self.page = page
    }
}

/// Links for a pager: previous, next and the position.
struct Pager: Encodable {
    var page: Int
    var pageCount: Int
    var total: Int
    var previous: String?
    var next: String?

    /// Builds the links from the current URL, replacing only its `page` parameter.
    init<T>(_ page: Paged<T>, request: Request) {
        self.page = page.request.page
        self.pageCount = page.pageCount
        self.total = page.total
        func link(_ number: Int) -> String {
            var components = URLComponents(string: request.url.string) ?? URLComponents()
            var items = (components.queryItems ?? []).filter { $0.name != "page" }
            items.append(URLQueryItem(name: "page", value: String(number)))
            components.queryItems = items
            return (components.path.isEmpty ? request.url.path : components.path) + "?" + (components.percentEncodedQuery ?? "")
        }
        previous = page.request.page > 1 ? link(page.request.page - 1) : nil
        next = page.request.page < page.pageCount ? link(page.request.page + 1) : nil
    }
}

/// A page of items in API responses.
struct PageDTO<Item: Content>: Content {
    var items: [Item]
    var total: Int
    var page: Int
    var perPage: Int

    init(_ page: Paged<Item>) {
        items = page.items
        total = page.total
        self.page = page.request.page
        perPage = page.request.perPage
    }
}
