public import Foundation
import KetaBridgeCore
import SQLKit

/// Applies pending migrations in order and records each in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(_ migrations: [Migration] = Migration.all) {
        self.migrations = migrations
    }

    /// Names of migrations the database has not applied yet.
    public func pending(_ database: any Database) async throws -> [String] {
        let applied = try await appliedNames(database)
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Applies what is pending, each migration in its own transaction; returns the names applied.
    @discardableResult
    public func migrate(_ database: any Database, now: Date = Date()) async throws -> [String] {
        try await database.write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
        }
        var done: [String] = []
        for migration in migrations {
            let applied = try await database.write { db -> Bool in
                if database.engine == .postgres {
                    // Two instances migrating at once take turns.
                    try await db.raw("SELECT pg_advisory_xact_lock(4242001)").run()
                }
                let existing = try await db.select().column("name").from("schema_migrations")
                    .where("name", .equal, migration.name).first()
                guard existing == nil else { return false }
                for statement in migration.statements(database.engine) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "schema_migrations").columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(now.epochMilliseconds)).run()
                return true
            }
            if applied { done.append(migration.name) }
        }
        return done
    }

    private func appliedNames(_ database: any Database) async throws -> Set<String> {
        try await database.read { db in
            let exists: Bool
            switch database.engine {
            case .sqlite:
                exists = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").first() != nil
            case .postgres:
                exists =
                    try await db.raw(
                        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
                    ).first() != nil
            }
            guard exists else { return [] }
            let rows = try await db.select().column("name").from("schema_migrations").all()
            return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        }
    }

    /// What every command does before it uses a database: an SQLite file (one clinic, one process) is migrated in
    /// place; a shared PostgreSQL schema is only checked, since upgrading it is an operator's step (`ketabridge migrate`).
    /// Returns the migrations applied.
    @discardableResult
    public func prepare(_ database: any Database) async throws -> [String] {
        switch database.engine {
        case .sqlite: return try await migrate(database)
        case .postgres:
            try await requireCurrent(database)
            return []
        }
    }

    /// Refuses to go on when the schema is behind (what `serve` does on PostgreSQL).
    public func requireCurrent(_ database: any Database) async throws {
        let pending = try await pending(database)
        if !pending.isEmpty { throw DomainError.schemaBehind(pending: pending) }
    }
}
