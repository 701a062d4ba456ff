import Foundation
import KetaBridgeCore
import SQLKit

enum PatientRepository {
    static func insert(_ p: Patient, on db: any SQLDatabase) async throws {
        try await db.insert(into: "patients")
            .columns(
                "id",
                "clinic_id",
                "mrn",
                "given_name",
                "family_name",
                "given_name_lc",
                "family_name_lc",
                "date_of_birth",
                "sex",
                "email",
                "phone",
                "created_at",
                "updated_at"
            )
            .values(
                SQLBind(p.id),
                SQLBind(p.clinicId),
                SQLBind(p.mrn),
                SQLBind(p.givenName),
                SQLBind(p.familyName),
                SQLBind(p.givenName.lowercased()),
                SQLBind(p.familyName.lowercased()),
                SQLBind(p.dateOfBirth.description),
                SQLBind(p.sex.rawValue),
                SQLBind(p.email),
                SQLBind(p.phone),
                SQLBind(p.createdAt.epochMilliseconds),
                SQLBind(p.updatedAt.epochMilliseconds)
            ).run()
    }

    static func update(_ p: Patient, on db: any SQLDatabase) async throws {
        try await db.update("patients")
            .set("mrn", to: p.mrn).set("given_name", to: p.givenName).set("family_name", to: p.familyName)
            .set("given_name_lc", to: p.givenName.lowercased()).set("family_name_lc", to: p.familyName.lowercased())
            .set("date_of_birth", to: p.dateOfBirth.description).set("sex", to: p.sex.rawValue)
            .set("email", to: p.email).set("phone", to: p.phone).set("updated_at", to: p.updatedAt.epochMilliseconds)
            .where("id", .equal, p.id).run()
    }

    static func find(id: String, on db: any SQLDatabase) async throws -> Patient? {
        try await db.select().columns("*").from("patients").where("id", .equal, id).first().map(patient)
    }

    static func search(clinicId: String, query: PatientQuery, page: PageRequest, on db: any SQLDatabase) async throws -> Page<Patient> {
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            var select = select.from("patients").where("clinic_id", .equal, clinicId)
            if let therapist = query.assignedTo {
                select = select.where(
                    SQLColumn("id"),
                    .in,
                    SQLGroupExpression(db.select().column("patient_id").from("care_team").where("user_id", .equal, therapist).query)
                )
            }
            switch query.term {
            case .all: break
            case .dateOfBirth(let date): select = select.where("date_of_birth", .equal, date.description)
            case .text(let text):
                select = select.where { group in
                    var group = group.orWhere("mrn", .equal, text.uppercased())
                    let words = text.split(separator: " ").prefix(3)
                    group = group.orWhere { all in
                        var all = all
                        for word in words {
                            let pattern = likePrefix(String(word))
                            all = all.where { either in
                                either.orWhere(SQLColumn("family_name_lc"), .like, SQLBind(pattern))
                                    .orWhere(SQLColumn("given_name_lc"), .like, SQLBind(pattern))
                            }
                        }
                        return all
                    }
                    return group
                }
            }
            return select
        }
        let total = try await db.count { filtered($0) }
        let rows = try await filtered(db.select().columns("*"))
            .orderBy("family_name_lc").orderBy("given_name_lc").orderBy("id")
            .limit(page.perPage).offset(page.offset).all()
        return Page(items: try rows.map(patient), request: page, total: total)
    }

    /// A LIKE prefix pattern with the wildcards in the user's text taken literally.
    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
    }

    static func patient(_ row: any SQLRow) throws -> Patient {
        let dobText = try row.string("date_of_birth")
        guard let dob = CalendarDate(dobText) else { throw DomainError.storage("bad date_of_birth") }
        var p = Patient(
            id: try row.string("id"),
            clinicId: try row.string("clinic_id"),
            details: PatientDetails(
                validated: try row.string("mrn"),
                try row.string("given_name"),
                try row.string("family_name"),
                dob,
                try row.enumValue("sex", as: Sex.self),
                try row.optionalString("email"),
                try row.optionalString("phone")
            ),
            createdAt: try row.date("created_at")
        )
        p.updatedAt = try row.date("updated_at")
        return p
    }
}
