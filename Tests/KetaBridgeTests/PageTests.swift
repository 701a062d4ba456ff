import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import NIOCore
import Testing

@Suite struct PageTests {
    @Test(arguments: TestEngines.all) func chartShowsDemographicsAndCareTeam(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let session = try await client.signIn(f.user(.prescriber).email)
            let page = try await client.execute(uri: "/patients/\(f.patient.id)", method: .get, headers: session.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h1 id="patient-name">Ada Lovelace</h1>"#))
            #expect(page.text.contains("Test Therapist"))
            #expect(page.text.contains("Add a clinician"))
            // The clinicians not yet on the team are offered by id.
            #expect(page.text.contains(#"<option value="\#(f.otherTherapist.id)">"#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test(arguments: TestEngines.all) func patientFormShowsInlineErrorsAndKeepsInput(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let session = try await client.signIn(f.user(.nurse).email)
            let response = try await client.execute(
                uri: "/patients",
                method: .post,
                headers: session.formHeaders(),
                body: session.form(["mrn": "N-9", "givenName": "", "familyName": "Byron", "dateOfBirth": "not a date"])
            )
            #expect(response.status == .badRequest)
            #expect(response.text.contains("enter a given name"))
            #expect(response.text.contains("enter the date of birth as YYYY-MM-DD"))
            #expect(response.text.contains(#"value="Byron""#))
            #expect(response.text.contains(#"aria-invalid="true""#))
        }
    }

    @Test(arguments: TestEngines.all) func patientsSeeOnlyThemselvesAndTherapistsTheirCaseload(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let patient = try await client.signIn(f.user(.patient).email)
            #expect(try await client.execute(uri: "/patients/\(f.patient.id)", method: .get, headers: patient.headers).status == .ok)
            let other = try await client.execute(uri: "/patients/\(f.unassignedPatient.id)", method: .get, headers: patient.headers)
            #expect(other.status == .notFound)
            #expect(!other.text.contains("Hopper"))
            #expect(try await client.execute(uri: "/patients", method: .get, headers: patient.headers).status == .forbidden)
            let therapist = try await client.signIn(f.user(.therapist).email)
            let list = try await client.execute(uri: "/patients", method: .get, headers: therapist.headers)
            #expect(list.text.contains("Lovelace"))
            #expect(!list.text.contains("Hopper"))
        }
    }

    @Test(arguments: TestEngines.all) func auditPageFilters(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let admin = try await client.signIn(f.user(.admin).email)
            let all = try await client.execute(uri: "/admin/audit", method: .get, headers: admin.headers)
            #expect(all.text.contains(#"id="audit-table""#))
            let logins = try await client.execute(uri: "/admin/audit?action=login&userId=\(f.user(.admin).id)", method: .get, headers: admin.headers)
            #expect(logins.text.contains("1 event(s)"))
            let bad = try await client.execute(uri: "/admin/audit?from=yesterday", method: .get, headers: admin.headers)
            #expect(bad.status == .badRequest)
        }
    }
}
