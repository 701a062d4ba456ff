import Foundation
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import SQLKit

/// Engines the suite runs on: SQLite always, PostgreSQL when KETABRIDGE_TEST_POSTGRES_URL is set (CI always sets it).
enum TestEngines {
    static var all: [DatabaseEngine] {
        (ProcessInfo.processInfo.environment["KETABRIDGE_TEST_POSTGRES_URL"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }
}

/// A fresh, migrated database per test: a temporary SQLite file, or a PostgreSQL schema of its own that is dropped
/// afterwards.
enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }()

    static func withStore<T: Sendable>(
        _ engine: DatabaseEngine,
        clock: any WallClock = SystemClock(),
        migrate: Bool = true,
        _ body: @Sendable (KetaBridgeStore) async throws -> T
    ) async throws -> T {
        let url = try await makeURL(engine)
        defer { cleanUp(url) }
        return try await Databases.withDatabase(url, logger: logger) { database in
            if migrate { try await Migrator().migrate(database) }
            return try await body(KetaBridgeStore(database: database, clock: clock))
        }
    }

    /// Opens the same database again (a restarted instance, or a second one).
    static func reopen<T: Sendable>(_ url: DatabaseURL, _ body: @Sendable (KetaBridgeStore) async throws -> T) async throws -> T {
        try await Databases.withDatabase(url, logger: logger) { try await body(KetaBridgeStore(database: $0)) }
    }

    static func makeURL(_ engine: DatabaseEngine) async throws -> DatabaseURL {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        switch engine {
        case .sqlite:
            return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(name)/db.sqlite").path)
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["KETABRIDGE_TEST_POSTGRES_URL"] else {
                throw DomainError.invalid(field: "KETABRIDGE_TEST_POSTGRES_URL", message: "not set")
            }
            guard case .postgres(var settings) = try DatabaseURL(parsing: base) else {
                throw DomainError.invalid(field: "url", message: "not postgres")
            }
            try await Databases.withDatabase(.postgres(settings), logger: logger) { db in
                try await db.write { sql in try await sql.raw("CREATE SCHEMA \(unsafeRaw: name)").run() }
            }
            settings.schema = name
            return .postgres(settings)
        }
    }

    static func cleanUp(_ url: DatabaseURL) {
        switch url {
        case .sqlite(let path):
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        case .postgres:
            break  // schemas are small and the CI cluster is thrown away; dropping them would race open connections
        }
    }
}
