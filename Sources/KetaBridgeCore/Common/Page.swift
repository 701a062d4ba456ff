/// A page request: 1-based page number and a bounded page size.
public struct PageRequest: Sendable, Equatable {
    public static let maxPerPage = 200
    public let page: Int
    public let perPage: Int

    /// Clamps silly values instead of failing: page ≥ 1, 1 ≤ perPage ≤ 200.
    public init(page: Int = 1, perPage: Int = 25) {
        self.page = max(1, page)
        self.perPage = min(Self.maxPerPage, max(1, perPage))
    }

    public var offset: Int { (page - 1) * perPage }
}

/// One page of results with the total count, so a UI can show "page 2 of 7".
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let request: PageRequest
    public let total: Int

    public init(items: [Item], request: PageRequest, total: Int) {
        self.items = items
        self.request = request
        self.total = total
    }

    public var pageCount: Int { max(1, (total + request.perPage - 1) / request.perPage) }
    public var hasPrevious: Bool { request.page > 1 }
    public var hasNext: Bool { request.page < pageCount }
}

extension Page: Equatable where Item: Equatable {}
