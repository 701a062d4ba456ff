import Foundation
public import KetaBridgeCore
import SQLKit

/// A patient with their care team: what a chart header shows.
public struct PatientChart: Sendable, Equatable {
    public let patient: Patient
    public let careTeam: [CareTeamMember]
}

extension KetaBridgeStore {
    public func createPatient(_ details: PatientDetails, actor: Actor, client: String?) async throws -> Patient {
        let patient = Patient(clinicId: actor.clinicId, details: details, createdAt: now)
        try await database.write { db in
            try await PatientRepository.insert(patient, on: db)
            try await AuditLog.append(
                AuditEntry(actor, .create, patientId: patient.id, recordType: "patient", recordId: patient.id, client: client),
                at: now,
                on: db
            )
        }
        return patient
    }

    public func updatePatient(id: String, _ details: PatientDetails, actor: Actor, client: String?) async throws -> Patient {
        try await deniedIsAudited(actor, .update, patientId: id, recordType: "patient", client: client) {
            try await database.write { db in
                var patient = try await Self.accessiblePatient(id: id, actor: actor, on: db).patient
                patient.apply(details, at: now)
                try await PatientRepository.update(patient, on: db)
                try await AuditLog.append(
                    AuditEntry(actor, .update, patientId: id, recordType: "patient", recordId: id, client: client),
                    at: now,
                    on: db
                )
                return patient
            }
        }
    }

    /// Reads a chart. The read is audited before the data is returned; a refusal is audited and reported as not found.
    public func chart(patientId id: String, actor: Actor, client: String?) async throws -> PatientChart {
        try await deniedIsAudited(actor, .read, patientId: id, recordType: "patient", client: client) {
            let chart = try await database.read { db in try await Self.accessiblePatient(id: id, actor: actor, on: db) }
            _ = try await database.write { db in
                try await AuditLog.append(
                    AuditEntry(actor, .read, patientId: id, recordType: "patient", recordId: id, client: client),
                    at: now,
                    on: db
                )
            }
            return chart
        }
    }

    /// Searches the actor's clinic (therapists: their caseload; patients: never). Audited as one search event.
    public func searchPatients(_ text: String?, page: PageRequest, actor: Actor, client: String?) async throws -> Page<Patient> {
        guard actor.role != .patient else { throw DomainError.forbidden("patients cannot list other patients") }
        let query = PatientQuery(text, assignedTo: PatientAccess.listScope(for: actor))
        let clinicId = actor.clinicId
        let result = try await database.read { db in try await PatientRepository.search(clinicId: clinicId, query: query, page: page, on: db) }
        _ = try await database.write { db in
            try await AuditLog.append(
                AuditEntry(actor, .search, recordType: "patient-list", recordId: "page-\(page.page)", client: client),
                at: now,
                on: db
            )
        }
        return result
    }

    public func addCareTeamMember(patientId: String, userId: String, role: Role, actor: Actor, client: String?) async throws {
        guard Role.clinicians.contains(role) else {
            throw DomainError.invalid(field: "role", message: "care team roles are prescriber, nurse and therapist")
        }
        try await deniedIsAudited(actor, .update, patientId: patientId, recordType: "care-team", client: client) {
            try await database.write { db in
                _ = try await Self.accessiblePatient(id: patientId, actor: actor, on: db)
                guard let user = try await UserRepository.find(id: userId, on: db), user.clinicId == actor.clinicId, user.active else {
                    throw DomainError.invalid(field: "userId", message: "choose an active clinician of this clinic")
                }
                guard user.role == role else {
                    throw DomainError.invalid(field: "role", message: "\(user.name) is a \(user.role.rawValue), not a \(role.rawValue)")
                }
                try await CareTeamRepository.add(CareTeamMember(patientId: patientId, userId: userId, role: role), on: db)
                try await AuditLog.append(
                    AuditEntry(actor, .update, patientId: patientId, recordType: "care-team", recordId: userId, client: client),
                    at: now,
                    on: db
                )
            }
        }
    }

    public func removeCareTeamMember(patientId: String, userId: String, actor: Actor, client: String?) async throws {
        try await deniedIsAudited(actor, .update, patientId: patientId, recordType: "care-team", client: client) {
            try await database.write { db in
                let chart = try await Self.accessiblePatient(id: patientId, actor: actor, on: db)
                guard chart.careTeam.contains(where: { $0.userId == userId }) else { throw DomainError.notFound("care team member") }
                try await CareTeamRepository.remove(patientId: patientId, userId: userId, on: db)
                try await AuditLog.append(
                    AuditEntry(actor, .update, patientId: patientId, recordType: "care-team", recordId: userId, client: client),
                    at: now,
                    on: db
                )
            }
        }
    }

    /// Loads a patient and care team and applies `PatientAccess`; anything the actor may not see is "not found".
    static func accessiblePatient(id: String, actor: Actor, on db: any SQLDatabase) async throws -> PatientChart {
        guard let patient = try await PatientRepository.find(id: id, on: db) else { throw DomainError.notFound("patient") }
        let team = try await CareTeamRepository.members(patientId: id, on: db)
        guard PatientAccess.allows(actor, patientId: id, patientClinicId: patient.clinicId, careTeamUserIds: Set(team.map(\.userId))) else {
            throw AccessDenied()
        }
        return PatientChart(patient: patient, careTeam: team)
    }

    /// Runs `body`; when it was refused, records the refusal (in its own transaction, since the body's rolled back)
    /// and reports "not found" so the record's existence is not revealed.
    @discardableResult
    func deniedIsAudited<T: Sendable>(
        _ actor: Actor,
        _ action: AuditAction,
        patientId: String,
        recordType: String,
        client: String?,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch is AccessDenied {
            var entry = AuditEntry(actor, action, patientId: patientId, recordType: recordType, recordId: patientId, client: client)
            entry.outcome = .denied
            try await audit(entry)
            throw DomainError.notFound("patient")
        }
    }
}

/// Internal marker: the actor may not see the patient. Never leaves the store.
struct AccessDenied: Error {}
