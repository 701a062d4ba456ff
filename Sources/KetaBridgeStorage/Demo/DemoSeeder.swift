import Foundation
public import KetaBridgeCore

/// Writes the demo clinic once. Running it again finds "Demo Clinic" and changes nothing.
public enum DemoSeeder {
    public enum Outcome: Sendable, Equatable {
        case created(patients: Int)
        case alreadyPresent
    }

    /// `passwordHash` is the bcrypt hash of `DemoClinic.password` (hashing lives in the server layer).
    public static func seed(_ store: KetaBridgeStore, demo: DemoClinic, passwordHash: String) async throws -> Outcome {
        if try await store.clinic(named: DemoClinic.clinicName) != nil { return .alreadyPresent }
        let now = store.now
        try await store.database.write { db in
            try await ClinicRepository.insert(demo.clinic, on: db)
            for patient in demo.patients {
                try await PatientRepository.insert(patient, on: db)
                try await AuditLog.append(
                    AuditEntry(
                        actorId: nil,
                        actorRole: nil,
                        clinicId: demo.clinic.id,
                        action: .create,
                        patientId: patient.id,
                        recordType: "patient",
                        recordId: patient.id,
                        clientAddress: "demo-seed"
                    ),
                    at: now,
                    on: db
                )
            }
            for user in demo.staff + [demo.patientUser] {
                try await UserRepository.insert(user, passwordHash: passwordHash, on: db)
            }
            for member in demo.careTeam {
                try await CareTeamRepository.add(member, on: db)
            }
        }
        return .created(patients: demo.patients.count)
    }
}
