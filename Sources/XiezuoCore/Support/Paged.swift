/// One page of a longer list, with what a pager needs to draw itself.
public struct Paged<Item: Sendable>: Sendable {
    /// The items on this page.
    public var items: [Item]
    /// How many items the whole list has.
    public var total: Int
    /// The request that produced this page.
    public var request: Paging

    /// Creates a page.
    public init(items: [Item], total: Int, request: Paging) {
        self.items = items
        self.total = total
        self.request = request
    }

    /// The page `request` asks for of a list held whole (the regions under one, a year's agreements).
    public init(slicing all: [Item], request: Paging) {
        self.init(items: Array(all.dropFirst(request.offset).prefix(request.perPage)), total: all.count, request: request)
    }

    /// The number of pages, at least 1 so an empty list still has a page to show its empty state on.
    public var pageCount: Int { max(1, (total + request.perPage - 1) / request.perPage) }

    /// Transforms the items, keeping the paging.
    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Paged<T> {
        Paged<T>(items: try items.map(transform), total: total, request: request)
    }
}

/// Which page to read; the numbers are clamped so no caller can ask for an unbounded list.
public struct Paging: Sendable, Equatable {
    /// The largest page anyone may request.
    public static let maxPerPage = 200
    /// 1-based page number.
    public var page: Int
    /// Items per page.
    public var perPage: Int

    /// Creates a request, clamping both numbers into range.
    public init(page: Int? = nil, perPage: Int? = nil, defaultPerPage: Int = 50) {
        self.page = max(1, page ?? 1)
        self.perPage = min(Self.maxPerPage, max(1, perPage ?? defaultPerPage))
    }

    /// A batch of `size` rows for code that reads a whole list in turns (an export), not limited to ``maxPerPage``.
    public init(page: Int, batchOf size: Int) {
        self.page = max(1, page)
        self.perPage = max(1, size)
    }

    /// Rows to skip.
    public var offset: Int { (page - 1) * perPage }
}
