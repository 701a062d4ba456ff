import Foundation
import HTTPTypes
import HummingbirdBcrypt
import KetaBridgeCore
import KetaBridgeStorage

/// A small clinic for tests: one user per role, a second therapist with no caseload, three patients and a
/// second clinic with a patient of its own (for "wrong clinic → 404").
struct Fixture: Sendable {
    static let password = "correct horse battery"

    let clinic: Clinic
    let users: [Role: User]
    let otherTherapist: User
    /// On every care team list, and the patient user's own record.
    let patient: Patient
    /// Not on the therapist's caseload.
    let unassignedPatient: Patient
    let otherClinicPatient: Patient
    let store: KetaBridgeStore

    func user(_ role: Role) -> User { users[role]! }
    func actor(_ role: Role) -> Actor { Actor(user(role)) }

    static func make(_ store: KetaBridgeStore) async throws -> Fixture {
        let hash = Bcrypt.hash(password, cost: 4)
        let clinic = try await store.createClinic(name: "Test Clinic")
        let other = try await store.createClinic(name: "Other Clinic")
        let today = CalendarDate(store.clock.now)
        func details(_ mrn: String, _ given: String, _ family: String) throws -> PatientDetails {
            try PatientDetails.validate(.init(mrn: mrn, givenName: given, familyName: family, dateOfBirth: "1980-05-17", sex: "female"), today: today)
                .get()
        }
        var users: [Role: User] = [:]
        for role in Role.allCases where role != .patient {
            users[role] = try await store.createUser(
                try NewUser(email: "\(role.rawValue)@test.example", name: "Test \(role.title)", role: role),
                clinicId: clinic.id,
                passwordHash: hash
            )
        }
        let admin = Actor(users[.admin]!)
        let patient = try await store.createPatient(try details("T-1", "Ada", "Lovelace"), actor: admin, client: nil)
        let unassigned = try await store.createPatient(try details("T-2", "Grace", "Hopper"), actor: admin, client: nil)
        let otherAdmin = try await store.createUser(
            try NewUser(email: "admin@other.example", name: "Other Admin", role: .admin),
            clinicId: other.id,
            passwordHash: hash
        )
        let otherPatient = try await store.createPatient(try details("O-1", "Alan", "Turing"), actor: Actor(otherAdmin), client: nil)
        users[.patient] = try await store.createUser(
            try NewUser(email: "patient@test.example", name: "Ada Lovelace", role: .patient, patientId: patient.id),
            clinicId: clinic.id,
            passwordHash: hash
        )
        let otherTherapist = try await store.createUser(
            try NewUser(email: "therapist2@test.example", name: "Second Therapist", role: .therapist),
            clinicId: clinic.id,
            passwordHash: hash
        )
        for role in [Role.prescriber, .nurse, .therapist] {
            try await store.addCareTeamMember(patientId: patient.id, userId: users[role]!.id, role: role, actor: admin, client: nil)
        }
        try await store.addCareTeamMember(patientId: unassigned.id, userId: users[.nurse]!.id, role: .nurse, actor: admin, client: nil)
        return Fixture(
            clinic: clinic,
            users: users,
            otherTherapist: otherTherapist,
            patient: patient,
            unassignedPatient: unassigned,
            otherClinicPatient: otherPatient,
            store: store
        )
    }
}
