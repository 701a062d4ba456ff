import KetaBridgeCore
import SQLKit

enum CareTeamRepository {
    static func members(patientId: String, on db: any SQLDatabase) async throws -> [CareTeamMember] {
        try await db.select().columns("patient_id", "user_id", "role").from("care_team").where("patient_id", .equal, patientId)
            .orderBy("role").all().map { row in
                CareTeamMember(
                    patientId: try row.string("patient_id"),
                    userId: try row.string("user_id"),
                    role: try row.enumValue("role", as: Role.self)
                )
            }
    }

    static func add(_ member: CareTeamMember, on db: any SQLDatabase) async throws {
        try await db.insert(into: "care_team").columns("patient_id", "user_id", "role")
            .values(SQLBind(member.patientId), SQLBind(member.userId), SQLBind(member.role.rawValue)).run()
    }

    static func remove(patientId: String, userId: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "care_team").where("patient_id", .equal, patientId).where("user_id", .equal, userId).run()
    }
}
