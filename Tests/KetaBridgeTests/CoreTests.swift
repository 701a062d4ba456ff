import Foundation
import KetaBridgeCore
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDays() {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("2024-13-01") == nil)
        #expect(CalendarDate("24-01-01") == nil)
        #expect(CalendarDate("2024-1-01") == nil)
    }

    @Test func agesCountWholeYears() throws {
        let dob = try #require(CalendarDate("1990-06-15"))
        #expect(dob.years(until: try #require(CalendarDate("2026-06-14"))) == 35)
        #expect(dob.years(until: try #require(CalendarDate("2026-06-15"))) == 36)
    }
}

@Suite struct PatientDetailsTests {
    let today = CalendarDate("2026-11-21")!

    @Test func acceptsAndNormalises() throws {
        let details = try PatientDetails.validate(
            .init(mrn: " KB-1 ", givenName: " Ada ", familyName: "Lovelace", dateOfBirth: "1980-01-02", sex: "Female", email: "ADA@Example.org"),
            today: today
        ).get()
        #expect(details.mrn == "KB-1")
        #expect(details.givenName == "Ada")
        #expect(details.sex == .female)
        #expect(details.email == "ada@example.org")
        #expect(details.phone == nil)
    }

    @Test func reportsEveryBadField() {
        let result = PatientDetails.validate(
            .init(mrn: "", givenName: "", familyName: "X", dateOfBirth: "2030-01-01", sex: "robot", email: "nope"),
            today: today
        )
        guard case .failure(let errors) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(errors.fields.map(\.field) == ["mrn", "givenName", "dateOfBirth", "sex", "email"])
        #expect(errors.message(for: "dateOfBirth") == "the date of birth cannot be in the future")
    }

    @Test func refusesAgesOver120() {
        let result = PatientDetails.validate(.init(mrn: "A", givenName: "A", familyName: "B", dateOfBirth: "1900-01-01"), today: today)
        guard case .failure(let errors) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(errors.message(for: "dateOfBirth") == "the age must be 120 years or less")
    }
}

@Suite struct AccessTests {
    let nurse = Actor(userId: "n", clinicId: "c1", role: .nurse, name: "N")
    let therapist = Actor(userId: "t", clinicId: "c1", role: .therapist, name: "T")
    let patient = Actor(userId: "p", clinicId: "c1", role: .patient, name: "P", patientId: "pat-1")

    @Test func routeRulesGive401And403() {
        #expect(AccessRule.staff.decide(nil) == .unauthenticated)
        #expect(AccessRule.staff.decide(patient) == .forbidden)
        #expect(AccessRule.staff.decide(nurse) == .allowed)
        #expect(AccessRule.admin.decide(nurse) == .forbidden)
        #expect(AccessRule.anyone.decide(nil) == .allowed)
    }

    @Test func patientRecordsFollowClinicCareTeamAndSelf() {
        #expect(PatientAccess.allows(nurse, patientId: "pat-1", patientClinicId: "c1", careTeamUserIds: []))
        #expect(!PatientAccess.allows(nurse, patientId: "pat-1", patientClinicId: "c2", careTeamUserIds: ["n"]))
        #expect(!PatientAccess.allows(therapist, patientId: "pat-1", patientClinicId: "c1", careTeamUserIds: ["n"]))
        #expect(PatientAccess.allows(therapist, patientId: "pat-1", patientClinicId: "c1", careTeamUserIds: ["t"]))
        #expect(PatientAccess.allows(patient, patientId: "pat-1", patientClinicId: "c1", careTeamUserIds: []))
        #expect(!PatientAccess.allows(patient, patientId: "pat-2", patientClinicId: "c1", careTeamUserIds: ["p"]))
    }
}

@Suite struct AccountRuleTests {
    @Test func passwordsNeedTwelveCharacters() {
        #expect(throws: DomainError.invalid(field: "password", message: "use at least 12 characters")) { try PasswordPolicy.validate("short-pass1") }
        #expect(throws: Never.self) { try PasswordPolicy.validate("twelve chars") }
    }

    @Test func throttleBlocksAtTheLimit() {
        let policy = LoginThrottlePolicy(maxFailures: 5, window: 900)
        #expect(!policy.isBlocked(recentFailures: 4))
        #expect(policy.isBlocked(recentFailures: 5))
        #expect(LoginThrottlePolicy.keys(email: "A@B.org", clientAddress: "10.0.0.1") == ["account:a@b.org", "ip:10.0.0.1"])
    }

    @Test func newUsersAreChecked() {
        #expect(throws: DomainError.self) { try NewUser(email: "not-an-email", name: "X", role: .nurse) }
        #expect(throws: DomainError.self) { try NewUser(email: "p@x.org", name: "X", role: .patient) }
        #expect(throws: DomainError.self) { try Role.parse("wizard") }
    }
}

@Suite struct AuditCanonicalTests {
    let entry = AuditEntry(
        actorId: "u",
        actorRole: .nurse,
        clinicId: "c",
        action: .read,
        patientId: "p",
        recordType: "patient",
        recordId: "p",
        clientAddress: "::1"
    )

    @Test func everyFieldChangesTheCanonicalForm() {
        let at = Date(epochMilliseconds: 1_700_000_000_000)
        let base = AuditEvent.canonical(seq: 1, at: at, entry: entry, previousHash: AuditEvent.genesisHash)
        var changed = entry
        changed.outcome = .denied
        #expect(AuditEvent.canonical(seq: 1, at: at, entry: changed, previousHash: AuditEvent.genesisHash) != base)
        #expect(AuditEvent.canonical(seq: 2, at: at, entry: entry, previousHash: AuditEvent.genesisHash) != base)
        // Length prefixes keep field boundaries unambiguous: moving a character between fields changes the form.
        var shifted = entry
        shifted.recordType = "patientp"
        shifted.recordId = ""
        #expect(AuditEvent.canonical(seq: 1, at: at, entry: shifted, previousHash: AuditEvent.genesisHash) != base)
    }
}

@Suite struct DemoClinicTests {
    @Test func sameSeedSameClinic() {
        let now = Date(epochMilliseconds: 1_790_000_000_000)
        let a = DemoClinic(patientCount: 40, seed: 7, now: now)
        let b = DemoClinic(patientCount: 40, seed: 7, now: now)
        let c = DemoClinic(patientCount: 40, seed: 8, now: now)
        #expect(a.patients == b.patients)
        #expect(a.patients != c.patients)
        #expect(a.patients.count == 40)
        #expect(Set(a.patients.map(\.mrn)).count == 40)
        #expect(a.patientUser.patientId == a.patients[0].id)
        #expect(a.staff.map(\.role).sorted() == [.admin, .prescriber, .nurse, .therapist])
        let therapist = a.staff.first { $0.role == .therapist }!
        #expect(a.careTeam.filter { $0.userId == therapist.id }.count == 20)
    }
}
