import Foundation
import KetaBridgeCore
import SQLKit

enum ClinicRepository {
    static func insert(_ clinic: Clinic, on db: any SQLDatabase) async throws {
        try await db.insert(into: "clinics").columns("id", "name", "time_zone", "created_at")
            .values(SQLBind(clinic.id), SQLBind(clinic.name), SQLBind(clinic.timeZone), SQLBind(clinic.createdAt.epochMilliseconds)).run()
    }

    static func find(id: String, on db: any SQLDatabase) async throws -> Clinic? {
        try await db.select().columns("*").from("clinics").where("id", .equal, id).first().map(clinic)
    }

    static func find(name: String, on db: any SQLDatabase) async throws -> Clinic? {
        try await db.select().columns("*").from("clinics").where("name", .equal, name).orderBy("created_at").first().map(clinic)
    }

    static func all(on db: any SQLDatabase) async throws -> [Clinic] {
        try await db.select().columns("*").from("clinics").orderBy("name").all().map(clinic)
    }

    static func clinic(_ row: any SQLRow) throws -> Clinic {
        Clinic(id: try row.string("id"), name: try row.string("name"), timeZone: try row.string("time_zone"), createdAt: try row.date("created_at"))
    }
}
