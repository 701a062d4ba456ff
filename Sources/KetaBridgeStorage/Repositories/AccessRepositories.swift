import Foundation
import KetaBridgeCore
import SQLKit

/// API bearer tokens: only the SHA-256 of the secret is stored.
enum APITokenRepository {
    static func insert(_ token: APIToken, hash: String, on db: any SQLDatabase) async throws {
        try await db.insert(into: "api_tokens")
            .columns("id", "user_id", "name", "token_hash", "created_at", "expires_at", "revoked_at", "last_used_at")
            .values(
                SQLBind(token.id),
                SQLBind(token.userId),
                SQLBind(token.name),
                SQLBind(hash),
                SQLBind(token.createdAt.epochMilliseconds),
                SQLBind(token.expiresAt.epochMilliseconds),
                SQLBind(Int64?.none),
                SQLBind(Int64?.none)
            ).run()
    }

    static func find(hash: String, on db: any SQLDatabase) async throws -> APIToken? {
        try await db.select().columns("*").from("api_tokens").where("token_hash", .equal, hash).first().map(token)
    }

    static func find(id: String, on db: any SQLDatabase) async throws -> APIToken? {
        try await db.select().columns("*").from("api_tokens").where("id", .equal, id).first().map(token)
    }

    static func list(clinicId: String, on db: any SQLDatabase) async throws -> [APIToken] {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("api_tokens"))).from("api_tokens")
            .join(
                SQLIdentifier("users"),
                method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "users"),
                .equal,
                SQLColumn("user_id", table: "api_tokens")
            )
            .where(SQLColumn("clinic_id", table: "users"), .equal, SQLBind(clinicId))
            .orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "api_tokens"), direction: SQLDirection.descending)).all().map(token)
    }

    static func recordUse(id: String, at: Date, on db: any SQLDatabase) async throws {
        try await db.update("api_tokens").set("last_used_at", to: at.epochMilliseconds).where("id", .equal, id).run()
    }

    static func revoke(id: String, at: Date, on db: any SQLDatabase) async throws {
        try await db.update("api_tokens").set("revoked_at", to: at.epochMilliseconds).where("id", .equal, id).where(
            "revoked_at",
            .is,
            SQLLiteral.null
        ).run()
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        APIToken(
            id: try row.string("id"),
            userId: try row.string("user_id"),
            name: try row.string("name"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at"),
            lastUsedAt: try row.optionalDate("last_used_at")
        )
    }
}

/// Failed logins, counted per account and per client address.
enum LoginFailureRepository {
    static func count(keys: [String], since: Date, on db: any SQLDatabase) async throws -> Int {
        var worst = 0
        for key in keys {
            let n = try await db.count {
                $0.from("login_failures").where("throttle_key", .equal, key).where("at", .greaterThan, since.epochMilliseconds)
            }
            worst = max(worst, n)
        }
        return worst
    }

    static func record(keys: [String], at: Date, on db: any SQLDatabase) async throws {
        for key in keys {
            try await db.insert(into: "login_failures").columns("throttle_key", "at").values(SQLBind(key), SQLBind(at.epochMilliseconds)).run()
        }
    }

    static func clear(key: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "login_failures").where("throttle_key", .equal, key).run()
    }

    static func prune(before: Date, on db: any SQLDatabase) async throws {
        try await db.delete(from: "login_failures").where("at", .lessThan, before.epochMilliseconds).run()
    }
}

/// Web sessions as key → JSON value with an expiry. Keys are stored hashed, so a copy of the database cannot be
/// used to hijack a session.
enum WebSessionRepository {
    static func put(keyHash: String, json: String, expiresAt: Date?, insertOnly: Bool, on db: any SQLDatabase) async throws {
        if !insertOnly {
            try await db.delete(from: "web_sessions").where("key_hash", .equal, keyHash).run()
        }
        try await db.insert(into: "web_sessions").columns("key_hash", "value", "expires_at")
            .values(SQLBind(keyHash), SQLBind(json), SQLBind(expiresAt.epochMilliseconds)).run()
    }

    static func get(keyHash: String, now: Date, on db: any SQLDatabase) async throws -> (json: String, expiresAt: Date?)? {
        guard let row = try await db.select().columns("value", "expires_at").from("web_sessions").where("key_hash", .equal, keyHash).first()
        else { return nil }
        let expires = try row.optionalDate("expires_at")
        if let expires, expires <= now { return nil }
        return (try row.string("value"), expires)
    }

    static func remove(keyHash: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "web_sessions").where("key_hash", .equal, keyHash).run()
    }

    static func prune(now: Date, on db: any SQLDatabase) async throws {
        try await db.delete(from: "web_sessions").where("expires_at", .lessThan, now.epochMilliseconds).run()
    }
}
