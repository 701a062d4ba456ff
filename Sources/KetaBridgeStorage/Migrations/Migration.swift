/// One named, append-only schema change. Never edit a migration that has shipped: add a new one.
public struct Migration: Sendable {
    public let name: String
    /// The DDL for an engine. Most statements are the same on both; the closure is where they differ.
    public let statements: @Sendable (DatabaseEngine) -> [String]

    public init(_ name: String, _ statements: @escaping @Sendable (DatabaseEngine) -> [String]) {
        self.name = name
        self.statements = statements
    }
}

extension Migration {
    /// Every migration, in the order they apply.
    public static let all: [Migration] = [
        .foundation
    ]
}
