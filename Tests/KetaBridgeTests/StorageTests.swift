import Foundation
import KetaBridgeCore
import KetaBridgeStorage
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestEngines.all) func migratesOnceAndReportsPending(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine, migrate: false) { store in
            let migrator = Migrator()
            #expect(try await migrator.pending(store.database) == Migration.all.map(\.name))
            await #expect(throws: DomainError.self) { try await migrator.requireCurrent(store.database) }
            #expect(try await migrator.migrate(store.database) == Migration.all.map(\.name))
            #expect(try await migrator.migrate(store.database).isEmpty)
            #expect(try await migrator.pending(store.database).isEmpty)
            try await migrator.requireCurrent(store.database)
        }
    }
}

@Suite struct PatientStorageTests {
    @Test(arguments: TestEngines.all) func createReadUpdateAreAudited(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let nurse = f.actor(.nurse)
            let before = try await store.auditEvents(AuditFilter(patientId: f.patient.id), page: .init()).total
            let chart = try await store.chart(patientId: f.patient.id, actor: nurse, client: "127.0.0.9")
            #expect(chart.patient == f.patient)
            #expect(Set(chart.careTeam.map(\.role)) == [.prescriber, .nurse, .therapist])
            var input = f.patient.details.input
            input.phone = "555 0100"
            let details = try PatientDetails.validate(input, today: CalendarDate(store.clock.now)).get()
            let updated = try await store.updatePatient(id: f.patient.id, details, actor: nurse, client: "127.0.0.9")
            #expect(updated.phone == "555 0100")
            let events = try await store.auditEvents(AuditFilter(patientId: f.patient.id), page: .init()).items
            #expect(events.count == before + 2)
            #expect(events[0].entry.action == .update)
            #expect(events[1].entry.action == .read)
            #expect(events[1].entry.actorId == nurse.userId)
            #expect(events[1].entry.clientAddress == "127.0.0.9")
        }
    }

    @Test(arguments: TestEngines.all) func duplicateMRNIsADomainErrorAndWritesNothing(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let head = try await store.auditHead()
            let details = try PatientDetails.validate(f.patient.details.input, today: CalendarDate(store.clock.now)).get()
            await #expect(throws: DomainError.duplicate(field: "mrn")) {
                try await store.createPatient(details, actor: f.actor(.admin), client: nil)
            }
            #expect(try await store.auditHead() == head)
            // The same MRN in another clinic is fine.
            _ = try await store.createPatient(
                details,
                actor: Actor(userId: "x", clinicId: f.otherClinicPatient.clinicId, role: .admin, name: "X"),
                client: nil
            )
        }
    }

    @Test(arguments: TestEngines.all) func refusalsAreNotFoundAndAudited(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let cases: [(Actor, String)] = [
                (f.actor(.therapist), f.unassignedPatient.id),
                (Actor(f.otherTherapist), f.patient.id),
                (f.actor(.nurse), f.otherClinicPatient.id),
                (f.actor(.patient), f.unassignedPatient.id),
            ]
            for (actor, patientId) in cases {
                await #expect(throws: DomainError.notFound("patient")) { try await store.chart(patientId: patientId, actor: actor, client: nil) }
                let last = try await store.auditEvents(AuditFilter(actorId: actor.userId), page: .init(perPage: 1)).items.first
                #expect(last?.entry.outcome == .denied)
                #expect(last?.entry.patientId == patientId)
            }
            await #expect(throws: DomainError.notFound("patient")) {
                try await store.chart(patientId: "no-such-id", actor: f.actor(.admin), client: nil)
            }
        }
    }

    @Test(arguments: TestEngines.all) func searchByNameMRNAndBirthDateWithPaging(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let admin = f.actor(.admin)
            let today = CalendarDate(store.clock.now)
            for i in 0..<30 {
                let details = try PatientDetails.validate(
                    .init(mrn: "P-\(i)", givenName: "Given\(i)", familyName: i % 2 == 0 ? "Smith" : "Jones", dateOfBirth: "1970-01-\(10 + i % 10)"),
                    today: today
                ).get()
                _ = try await store.createPatient(details, actor: admin, client: nil)
            }
            func search(_ q: String?, page: Int = 1, as actor: Actor? = nil) async throws -> Page<Patient> {
                try await store.searchPatients(q, page: PageRequest(page: page, perPage: 10), actor: actor ?? admin, client: nil)
            }
            #expect(try await search(nil).total == 32)
            let smiths = try await search("smi")
            #expect(smiths.total == 15)
            #expect(smiths.items.count == 10)
            #expect(try await search("smi", page: 2).items.count == 5)
            #expect(try await search("SMITH given1").items.map(\.mrn) == ["P-10", "P-12", "P-14", "P-16", "P-18"])
            #expect(try await search("p-7").items.map(\.mrn) == ["P-7"])
            #expect(try await search("1970-01-12").total == 3)
            #expect(try await search("1980-05-17").total == 2)
            #expect(try await search("100%_").total == 0)
            // Therapists see their caseload only; patients cannot list.
            #expect(try await search(nil, as: f.actor(.therapist)).items.map(\.id) == [f.patient.id])
            await #expect(throws: DomainError.self) { try await search(nil, as: f.actor(.patient)) }
        }
    }

    @Test(arguments: TestEngines.all) func demoSeedsOnce(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let demo = DemoClinic(patientCount: 12, seed: 3, now: store.clock.now)
            #expect(try await DemoSeeder.seed(store, demo: demo, passwordHash: "x") == .created(patients: 12))
            #expect(try await DemoSeeder.seed(store, demo: demo, passwordHash: "x") == .alreadyPresent)
            let admin = try #require(try await store.credentials(email: "admin@demo.test")?.user)
            #expect(try await store.searchPatients(nil, page: .init(), actor: Actor(admin), client: nil).total == 12)
            #expect(try await store.credentials(email: "patient@demo.test")?.user.patientId == demo.patients[0].id)
        }
    }
}

@Suite struct AuditChainTests {
    @Test(arguments: TestEngines.all) func intactChainVerifies(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            for _ in 0..<5 { _ = try await store.chart(patientId: f.patient.id, actor: f.actor(.nurse), client: nil) }
            let head = try await store.auditHead()
            #expect(try await store.verifyAudit() == .intact(rows: Int(head.seq), head: head.hash))
        }
    }

    @Test(arguments: TestEngines.all) func editedRowIsNamed(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            _ = try await store.chart(patientId: f.patient.id, actor: f.actor(.nurse), client: nil)
            try await store.database.write { db in
                try await db.update("audit_events").set("actor_id", to: "someone-else").where("seq", .equal, 3).run()
            }
            guard case .broken(let seq, let reason) = try await store.verifyAudit() else {
                Issue.record("tampering was not detected")
                return
            }
            #expect(seq == 3)
            #expect(reason.contains("changed"))
        }
    }

    @Test(arguments: TestEngines.all) func deletedRowsAreDetected(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            _ = try await store.chart(patientId: f.patient.id, actor: f.actor(.nurse), client: nil)
            let head = try await store.auditHead()
            // A row from the middle.
            try await store.database.write { db in try await db.delete(from: "audit_events").where("seq", .equal, 2).run() }
            #expect(try await store.verifyAudit() == .broken(seq: 2, reason: "row 2 is missing (next row is 3)"))
            // The last row (the head still names it).
            try await store.database.write { db in
                try await db.delete(from: "audit_events").where("seq", .equal, head.seq).run()
                try await db.update("audit_events").set("seq", to: 2).where("seq", .equal, 3).run()
            }
            guard case .broken = try await store.verifyAudit() else {
                Issue.record("deleting rows was not detected")
                return
            }
        }
    }

    @Test(arguments: TestEngines.all) func failedWriteLeavesNoAuditRow(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let head = try await store.auditHead()
            await #expect(throws: DomainError.self) {
                try await store.addCareTeamMember(
                    patientId: f.patient.id,
                    userId: f.user(.nurse).id,
                    role: .nurse,
                    actor: f.actor(.admin),
                    client: nil
                )
            }
            #expect(try await store.auditHead() == head)
            #expect(try await store.verifyAudit() == .intact(rows: Int(head.seq), head: head.hash))
        }
    }

    @Test(arguments: TestEngines.all) func concurrentAppendsStayInOneLine(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask { _ = try await store.chart(patientId: f.patient.id, actor: f.actor(.prescriber), client: nil) }
                }
                try await group.waitForAll()
            }
            guard case .intact = try await store.verifyAudit() else {
                Issue.record("concurrent appends broke the chain")
                return
            }
        }
    }
}
