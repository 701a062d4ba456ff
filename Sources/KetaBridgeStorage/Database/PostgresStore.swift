import Foundation
import KetaBridgeCore
public import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
public import SQLKit
public import ServiceLifecycle

/// PostgreSQL through a `PostgresClient` connection pool. The client must be running: `serve` runs this store as a
/// service of the application (`buildApplication`); commands and tests use `Databases.withDatabase`.
public final class PostgresStore: Database, Service {
    public let engine = DatabaseEngine.postgres
    let client: PostgresClient
    let logger: Logger

    public init(settings: DatabaseURL.PostgresSettings, maximumConnections: Int = 20, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS =
            switch settings.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.username,
            password: settings.password,
            database: settings.database,
            tls: tls
        )
        configuration.options.maximumConnections = maximumConnections
        if let schema = settings.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until cancelled or shut down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.client.run()
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(begin: "START TRANSACTION READ ONLY", body)
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN", body)
    }

    private func transaction<T: Sendable>(begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let logger = self.logger
        do {
            return try await client.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
                do {
                    let value = try await body(connection.sql(queryLogLevel: nil))
                    try await connection.query("COMMIT", logger: logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw StorageErrors.map(error)
        }
    }

    /// Nothing to close: the pool stops when `run()` returns.
    public func shutdown() async throws {}
}
