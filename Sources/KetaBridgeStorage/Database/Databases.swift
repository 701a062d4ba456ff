import KetaBridgeCore
public import Logging
import PostgresNIO

/// Opens the database a URL names, migrated or checked as the caller asks.
public enum Databases {
    /// Opens the store. A PostgreSQL store must then be run (as a service, or through `withDatabase`).
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> any Database {
        switch url {
        case .sqlite(let path): try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let settings): PostgresStore(settings: settings, logger: logger)
        }
    }

    /// Opens the store, keeps it running for the duration of `body`, then shuts it down.
    public static func withDatabase<T: Sendable>(
        _ url: DatabaseURL,
        logger: Logger,
        _ body: @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let database = try await open(url, logger: logger)
        return try await withRunning(database, body)
    }

    /// Keeps an opened store's background work (the PostgreSQL pool) running for the duration of `body`.
    public static func withRunning<T: Sendable>(_ database: any Database, _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        guard let postgres = database as? PostgresStore else {
            do {
                let value = try await body(database)
                try await database.shutdown()
                return value
            } catch {
                try? await database.shutdown()
                throw error
            }
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await postgres.client.run() }
            defer { group.cancelAll() }
            return try await body(postgres)
        }
    }
}
