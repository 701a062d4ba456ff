import Foundation
import KetaBridgeCore
import SQLKit

enum UserRepository {
    static func insert(_ user: User, passwordHash: String, on db: any SQLDatabase) async throws {
        try await db.insert(into: "users")
            .columns("id", "clinic_id", "email", "name", "role", "patient_id", "password_hash", "active", "created_at")
            .values(
                SQLBind(user.id),
                SQLBind(user.clinicId),
                SQLBind(user.email),
                SQLBind(user.name),
                SQLBind(user.role.rawValue),
                SQLBind(user.patientId),
                SQLBind(passwordHash),
                SQLBind(user.active),
                SQLBind(user.createdAt.epochMilliseconds)
            ).run()
    }

    static func find(id: String, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns("*").from("users").where("id", .equal, id).first().map(user)
    }

    /// The user and their password hash, for signing in.
    static func credentials(email: String, on db: any SQLDatabase) async throws -> (User, String)? {
        guard let row = try await db.select().columns("*").from("users").where("email", .equal, email.lowercased()).first() else { return nil }
        return (try user(row), try row.string("password_hash"))
    }

    static func list(clinicId: String, roles: Set<Role>? = nil, on db: any SQLDatabase) async throws -> [User] {
        var query = db.select().columns("*").from("users").where("clinic_id", .equal, clinicId)
        if let roles { query = query.where("role", .in, roles.map(\.rawValue)) }
        return try await query.orderBy("role").orderBy("name").all().map(user)
    }

    static func setPassword(userId: String, hash: String, on db: any SQLDatabase) async throws {
        try await db.update("users").set("password_hash", to: hash).where("id", .equal, userId).run()
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.string("id"),
            clinicId: try row.string("clinic_id"),
            email: try row.string("email"),
            name: try row.string("name"),
            role: try row.enumValue("role", as: Role.self),
            patientId: try row.optionalString("patient_id"),
            active: try row.decode(column: "active", as: Bool.self),
            createdAt: try row.date("created_at")
        )
    }
}
