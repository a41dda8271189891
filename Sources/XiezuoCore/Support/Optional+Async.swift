extension Optional {
    /// Maps the wrapped value with an async transform.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }

    /// The wrapped value, or the result of `fallback` when there is none.
    public func asyncOr(_ fallback: () async throws -> Wrapped?) async rethrows -> Wrapped? {
        if let value = self { return value }
        return try await fallback()
    }
}
