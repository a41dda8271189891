import FluentKit
import XiezuoCore

/// Reads the region tree. Regions are public reference data: no principal is needed.
public struct RegionRepository: Sendable {
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database) { self.database = database }

    /// Every region, as an in-memory directory.
    public func directory() async throws -> RegionDirectory {
        let models = try await RegionModel.query(on: database).all()
        return RegionDirectory(models.compactMap(\.region))
    }

    /// How many regions are stored.
    public func count() async throws -> Int { try await RegionModel.query(on: database).count() }
}
