import KetaBridgeCore
public import SQLKit

/// The storage engines KetaBridge runs on.
public enum DatabaseEngine: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

/// A small protocol over the engine: `read {}` and `write {}` each run one transaction.
/// Repositories are written once against `SQLDatabase` and run on both engines.
public protocol Database: Sendable {
    var engine: DatabaseEngine { get }

    /// Runs `body` in a read-only transaction (on SQLite: one of several reader connections).
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a write transaction; it commits when `body` returns and rolls back when it throws.
    /// On SQLite all writes go through one serialised connection.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Closes connections. Call once, when the process is done with the database.
    func shutdown() async throws
}
