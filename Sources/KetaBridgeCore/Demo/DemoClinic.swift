public import Foundation

/// The demo clinic, made deterministically from a seed: one user per role and realistic synthetic patients.
/// Pure data; storage writes it (`DemoSeeder`). Later features extend it so every feature has something to show.
public struct DemoClinic: Sendable {
    public static let password = "ketabridge-demo"
    public static let clinicName = "Demo Clinic"

    public struct Login: Sendable, Equatable {
        public let email: String
        public let name: String
        public let role: Role
    }

    public let clinic: Clinic
    public let staff: [User]
    public let patients: [Patient]
    public let patientUser: User
    public let careTeam: [CareTeamMember]

    public static let logins: [Login] = [
        Login(email: "admin@demo.test", name: "Alex Morgan", role: .admin),
        Login(email: "prescriber@demo.test", name: "Dr. Priya Shah", role: .prescriber),
        Login(email: "nurse@demo.test", name: "Sam Okafor, RN", role: .nurse),
        Login(email: "therapist@demo.test", name: "Dana Whitfield, LMFT", role: .therapist),
        Login(email: "patient@demo.test", name: "Jordan Rivera", role: .patient),
    ]

    public static let defaultPatientCount = 40
    public static let defaultSeed: UInt64 = 2026

    public init(patientCount: Int = defaultPatientCount, seed: UInt64 = defaultSeed, now: Date) {
        var rng = SeededGenerator(seed: seed)
        let clinic = Clinic(id: rng.uuid(), name: Self.clinicName, timeZone: "America/New_York", createdAt: now)
        let today = CalendarDate(now)
        var patients: [Patient] = []
        for index in 0..<max(1, patientCount) {
            let sex: Sex = index == 0 ? .female : (rng.next() % 2 == 0 ? .female : .male)
            let given = index == 0 ? "Jordan" : Self.pick(sex == .female ? DemoNames.femaleGiven : DemoNames.maleGiven, &rng)
            let family = index == 0 ? "Rivera" : Self.pick(DemoNames.family, &rng)
            let age = 19 + Int(rng.next() % 58)
            let dob = CalendarDate(
                year: today.year - age - 1,
                month: 1 + Int(rng.next() % 12),
                day: 1 + Int(rng.next() % 28)
            )!
            let details = PatientDetails(
                validated: "KB-" + String(100_001 + index),
                given,
                family,
                dob,
                sex,
                "\(given).\(family)\(index)@example.org".lowercased(),
                "555-01\(String(index % 100).leftPadded(to: 2))"
            )
            let created = now.addingTimeInterval(-Double(86_400 * (200 - index % 180)))
            patients.append(Patient(id: rng.uuid(), clinicId: clinic.id, details: details, createdAt: created))
        }
        var staff: [User] = []
        for login in Self.logins where login.role != .patient {
            staff.append(User(id: rng.uuid(), clinicId: clinic.id, email: login.email, name: login.name, role: login.role, createdAt: now))
        }
        let patientLogin = Self.logins.first { $0.role == .patient }!
        let patientUser = User(
            id: rng.uuid(),
            clinicId: clinic.id,
            email: patientLogin.email,
            name: patientLogin.name,
            role: .patient,
            patientId: patients[0].id,
            createdAt: now
        )
        var team: [CareTeamMember] = []
        for (index, patient) in patients.enumerated() {
            for member in staff where Role.clinicians.contains(member.role) {
                // The therapist carries a caseload (every other patient), so "only assigned patients" shows.
                if member.role == .therapist, index % 2 == 1 { continue }
                team.append(CareTeamMember(patientId: patient.id, userId: member.id, role: member.role))
            }
        }
        self.clinic = clinic
        self.staff = staff
        self.patients = patients
        self.patientUser = patientUser
        self.careTeam = team
    }

    static func pick(_ list: [String], _ rng: inout SeededGenerator) -> String {
        list[Int(rng.next() % UInt64(list.count))]
    }
}
