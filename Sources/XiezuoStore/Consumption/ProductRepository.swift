import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// What the catalogue filters by.
public struct ProductFilter: Sendable, Equatable {
    public var search: String?
    public var region: String?
    public var brandID: UUID?
    public var category: ProductCategory?
    /// Only published (certified) products: what the public catalogue shows.
    public var publishedOnly: Bool

    public init(search: String? = nil, region: String? = nil, brandID: UUID? = nil, category: ProductCategory? = nil,
                publishedOnly: Bool = true) {
        self.search = search
        self.region = region
        self.brandID = brandID
        self.category = category
        self.publishedOnly = publishedOnly
    }
}

/// Products: listed by their supplier's accounts or the staff covering the supplier's county, certified step by step
/// by the county, the city and the province, and shown in the public catalogue once published.
public struct ProductRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database, clock: Clock = .system) {
        self.clock = clock
        self.database = database
    }

    /// Lists a product of `supplierID` (an employer record of a Shaanxi county); it starts applied for certification.
    public func create(_ draft: ProductDraft, supplier supplierID: UUID, by principal: Principal, today: Day? = nil) async throws -> Product {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let supplier = try await EmployerModel.find(supplierID, on: tx) else { throw DomainError.invalid("supplierId", "unknown_supplier") }
            guard supplier.regionCode.hasPrefix("61"), supplier.regionCode.count >= 6 else { throw DomainError.invalid("supplierId", "supplier_not_shaanxi") }
            let county = String(supplier.regionCode.prefix(6))
            guard Permissions.canEditProduct(principal, supplierID: supplierID, countyCode: county) else { throw DomainError.forbidden }
            let blank = Product(id: UUID(), name: "", supplierID: supplierID, supplierName: supplier.name, countyCode: county, brandID: nil,
                                category: .other, specification: "", unit: "", price: 0, stock: 0, traceabilityCode: nil,
                                history: [CertificationStep(status: .applied, on: today, by: principal.name)], description: nil)
            let product = try draft.applied(to: blank, brandKnown: try await brandExists(draft.brandId, on: tx))
            let model = ProductModel()
            try model.apply(product, seq: seq)
            try await model.create(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "product", entityID: product.id.uuidString,
                                           regionCode: county, before: Optional<Product>.none, after: product)
            return product
        }
    }

    /// Replaces a product's fields (and sets its stock). A published product whose name, category or specification
    /// changes goes back to the county for certification.
    public func update(_ id: UUID, with draft: ProductDraft, by principal: Principal, today: Day? = nil) async throws -> Product {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let before = try model.product()
            var after = try draft.applied(to: before, brandKnown: try await brandExists(draft.brandId, on: tx))
            if before.certification != .applied,
               (before.name, before.category, before.specification) != (after.name, after.category, after.specification) {
                after.certification = .applied
                after.history.append(CertificationStep(status: .applied, on: today, by: principal.name))
            }
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "product", entityID: id.uuidString,
                                           regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// A certification decision: approve (to the next step) or reject with a reason, by staff of the step's level.
    public func decide(_ id: UUID, approve: Bool, reason: String? = nil, by principal: Principal, today: Day? = nil) async throws -> Product {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let model = try await ProductModel.find(id, on: tx) else { throw DomainError.notFound("product") }
            let before = try model.product()
            guard principal.role?.isStaff == true, principal.scope.covers(before.countyCode) else { throw DomainError.notFound("product") }
            let after = try before.deciding(approve: approve, reason: reason, by: principal, name: principal.name, on: today)
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "certify_\(after.certification.rawValue)", entity: "product",
                                           entityID: id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// A product: anyone for a published one; its supplier and the staff covering it for any.
    public func get(_ id: UUID, by principal: Principal = .anonymous) async throws -> Product {
        guard let model = try await ProductModel.find(id, on: database) else { throw DomainError.notFound("product") }
        let product = try model.product()
        guard product.isCertified || Permissions.canEditProduct(principal, supplierID: product.supplierID, countyCode: product.countyCode) else {
            throw DomainError.notFound("product")
        }
        return product
    }

    /// Products matching the filter: the public sees published ones; with `publishedOnly` false, a supplier sees its
    /// own and staff those of their jurisdiction. Newest first.
    public func list(_ filter: ProductFilter, by principal: Principal = .anonymous, page: Paging = Paging()) async throws -> Paged<Product> {
        // A search also finds the products of the brands it names (茶 → 紫阳富硒茶) and of the categories it names.
        var brandIDs: [UUID] = []
        var categories: [ProductCategory] = []
        if let search = filter.search, !search.isEmpty {
            brandIDs = try await Register<RegionalBrand>.query(region: nil, on: database).matching(search, in: "name").all().compactMap(\.id)
            categories = ProductCategory.named(by: search)
        }
        func query() -> QueryBuilder<ProductModel> {
            let query = ProductModel.query(on: database)
            if filter.publishedOnly {
                query.filter(\.$certification == CertificationStatus.published.rawValue)
            } else if principal.role == .enterprise {
                query.filter(\.$supplierID == (principal.employerID ?? UUID()))
            } else {
                query.within(principal.role?.isStaff == true ? principal.scope : .nothing, columns: "county_code")
            }
            if let region = filter.region { query.within(.region(region), columns: "county_code") }
            if let brand = filter.brandID { query.filter(\.$brandID == brand) }
            if let category = filter.category { query.filter(\.$category == category.rawValue) }
            if let search = filter.search, !search.isEmpty {
                query.group(.or) { any in
                    any.matching(search, in: "name")
                    if !brandIDs.isEmpty { any.filter(\.$brandID ~~ brandIDs) }
                    if !categories.isEmpty { any.filter(\.$category ~~ categories.map(\.rawValue)) }
                }
            }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$createdAt, .descending).sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.product() }, total: total, request: page)
    }

    /// Products waiting for a decision the principal can take (their level and jurisdiction), oldest first.
    public func awaitingDecision(by principal: Principal, limit: Int = 100) async throws -> [Product] {
        guard principal.role?.isStaff == true else { return [] }
        let statuses = CertificationStatus.allCases.filter { status in
            status.deciderLevel.map { level in
                principal.role == .admin || principal.jurisdiction.flatMap { RegionLevel(codeLength: $0.count) } == level
            } ?? false
        }
        guard !statuses.isEmpty else { return [] }
        return try await ProductModel.query(on: database).within(principal.scope, columns: "county_code")
            .filter(\.$certification ~~ statuses.map(\.rawValue)).sort(\.$updatedAt).limit(limit).all().map { try $0.product() }
    }

    /// Adds a picture (JPEG, PNG or WebP by its bytes, at most 2 MB, at most 6 per product).
    /// Adds a picture (JPEG, PNG or WebP, at most 2 MB) and, when the uploader's browser made one, its thumbnail (at most
    /// 640 px a side and 200 KB, checked by its header); at most 6 pictures a product.
    public func addImage(_ bytes: [UInt8], thumbnail: [UInt8]? = nil, to id: UUID, by principal: Principal) async throws -> Product {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let contentType = try ProductImageRules.contentType(of: bytes)
            let thumbnailType = try thumbnail.map { bytes throws(DomainError) in try ProductImageRules.thumbnailType(of: bytes) }
            let before = try model.product()
            guard before.images.count < 6 else { throw DomainError.invalid("image", "too_many", ["max": "6"]) }
            let image = ProductImage(id: UUID(), contentType: contentType, size: bytes.count, thumbnailSize: thumbnail?.count)
            try await (tx as! any SQLDatabase).insert(into: "product_images")
                .columns("id", "product_id", "content_type", "data", "created_at", "thumbnail", "thumbnail_type")
                .values(SQLBind(image.id), SQLBind(id), SQLBind(contentType), SQLBind(Data(bytes)), SQLBind(Date()),
                        SQLBind(thumbnail.map { Data($0) }), SQLBind(thumbnailType)).run()
            var after = before
            after.images.append(image)
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "add_image", entity: "product", entityID: id.uuidString,
                                           regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// A picture's bytes and type, for a product the principal may see; its thumbnail instead when asked for and
    /// there is one.
    public func image(_ imageID: UUID, of productID: UUID, thumbnail: Bool = false, by principal: Principal = .anonymous) async throws -> (String, Data) {
        let product = try await get(productID, by: principal)
        guard let image = product.images.first(where: { $0.id == imageID }) else { throw DomainError.notFound("image") }
        let small = thumbnail && image.thumbnailSize != nil
        guard let row = try await (database as! any SQLDatabase).select()
            .columns(small ? ["thumbnail_type", "thumbnail"] : ["content_type", "data"])
            .from("product_images").where("id", .equal, SQLBind(imageID)).first() else { throw DomainError.notFound("image") }
        return (try row.decode(column: small ? "thumbnail_type" : "content_type", as: String.self),
                try row.decode(column: small ? "thumbnail" : "data", as: Data.self))
    }

    func editable(_ id: UUID, by principal: Principal, on database: any Database) async throws -> ProductModel {
        guard let model = try await ProductModel.find(id, on: database),
              Permissions.canEditProduct(principal, supplierID: model.supplierID, countyCode: model.countyCode) else {
            throw DomainError.notFound("product")
        }
        return model
    }

    private func brandExists(_ id: UUID?, on database: any Database) async throws -> Bool {
        guard let id else { return false }
        return try await Register<RegionalBrand>.find(id, on: database) != nil
    }
}
