import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import NIOCore
import Testing

@Suite struct APITests {
    static func json(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    @Test(arguments: TestEngines.all) func createReadUpdateSearchPatients(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let token = try await client.token(f.user(.nurse).email)
            let created = try await client.execute(
                uri: "/api/v1/patients",
                method: .post,
                headers: Self.json(token),
                body: ByteBuffer(string: #"{"mrn":"API-1","givenName":"Mary","familyName":"Shelley","dateOfBirth":"1997-08-30","sex":"female"}"#)
            )
            #expect(created.status == .created)
            let id = try #require(created.json?["id"] as? String)
            #expect(created.json?["dateOfBirth"] as? String == "1997-08-30")
            let updated = try await client.execute(
                uri: "/api/v1/patients/\(id)",
                method: .put,
                headers: Self.json(token),
                body: ByteBuffer(
                    string: #"{"mrn":"API-1","givenName":"Mary","familyName":"Godwin","dateOfBirth":"1997-08-30","sex":"female","phone":"555 0100"}"#
                )
            )
            #expect(updated.json?["familyName"] as? String == "Godwin")
            let read = try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: Self.json(token))
            #expect(read.json?["phone"] as? String == "555 0100")
            #expect((read.json?["careTeam"] as? [Any])?.isEmpty == true)
            let search = try await client.execute(uri: "/api/v1/patients?q=godw&perPage=5", method: .get, headers: Self.json(token))
            #expect(search.json?["total"] as? Int == 1)
            #expect(search.json?["perPage"] as? Int == 5)
        }
    }

    @Test(arguments: TestEngines.all) func badInputIsA4xxThatNamesTheFieldAndWritesNothing(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let token = try await client.token(f.user(.admin).email)
            let headBefore = try await f.store.auditHead()
            let cases: [(String, Int, String)] = [
                ("{not json", 400, "body"),
                ("", 400, "body"),
                (#"{"givenName":"A","familyName":"B","dateOfBirth":"1990-01-01"}"#, 400, "mrn"),
                (#"{"mrn":5,"givenName":"A","familyName":"B","dateOfBirth":"1990-01-01"}"#, 400, "mrn"),
                (#"{"mrn":"X-1","givenName":"A","familyName":"B","dateOfBirth":"1990-02-30"}"#, 400, "dateOfBirth"),
                (#"{"mrn":"X-1","givenName":"A","familyName":"B","dateOfBirth":"1990-02-03","sex":"robot"}"#, 400, "sex"),
                (#"{"mrn":"T-1","givenName":"A","familyName":"B","dateOfBirth":"1990-02-03"}"#, 409, "mrn"),
            ]
            for (body, status, field) in cases {
                let response = try await client.execute(
                    uri: "/api/v1/patients",
                    method: .post,
                    headers: Self.json(token),
                    body: ByteBuffer(string: body)
                )
                #expect(Int(response.status.code) == status, "\(body)")
                let error = response.json?["error"] as? [String: Any]
                #expect(error?["field"] as? String == field, "\(body)")
                #expect((error?["message"] as? String)?.isEmpty == false)
            }
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: (1 << 20) + 10)
            #expect(
                try await client.execute(uri: "/api/v1/patients", method: .post, headers: Self.json(token), body: huge).status == .contentTooLarge
            )
            // Failed requests wrote nothing: the token issue is the only new audit row since the snapshot... none at all.
            #expect(try await f.store.auditHead() == headBefore)
            let total = try await f.store.searchPatients(nil, page: .init(), actor: f.actor(.admin), client: nil).total
            #expect(total == 2)
        }
    }

    @Test(arguments: TestEngines.all) func unknownAndOtherClinicIdsAre404(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let token = try await client.token(f.user(.admin).email)
            for id in ["nope", f.otherClinicPatient.id] {
                let response = try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: Self.json(token))
                #expect(response.status == .notFound)
                #expect((response.json?["error"] as? [String: Any])?["code"] as? String == "not-found")
            }
            let therapist = try await client.token(f.otherTherapist.email)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(f.patient.id)", method: .get, headers: Self.json(therapist)).status == .notFound
            )
            let patient = try await client.token(f.user(.patient).email)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(f.unassignedPatient.id)", method: .get, headers: Self.json(patient)).status
                    == .notFound
            )
            #expect(try await client.execute(uri: "/api/v1/patients/\(f.patient.id)", method: .get, headers: Self.json(patient)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/no-such-route", method: .get, headers: Self.json(token)).status == .notFound)
        }
    }

    @Test(arguments: TestEngines.all) func careTeamChanges(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let token = try await client.token(f.user(.prescriber).email)
            let uri = "/api/v1/patients/\(f.unassignedPatient.id)/care-team"
            let add = ByteBuffer(string: #"{"userId":"\#(f.otherTherapist.id)","role":"therapist"}"#)
            #expect(try await client.execute(uri: uri, method: .post, headers: Self.json(token), body: add).status == .noContent)
            let again = try await client.execute(uri: uri, method: .post, headers: Self.json(token), body: add)
            #expect(again.status == .conflict)
            #expect((again.json?["error"] as? [String: Any])?["field"] as? String == "userId")
            let wrongRole = ByteBuffer(string: #"{"userId":"\#(f.otherTherapist.id)","role":"nurse"}"#)
            #expect(try await client.execute(uri: uri, method: .post, headers: Self.json(token), body: wrongRole).status == .badRequest)
            // Now the second therapist sees the patient.
            let therapist = try await client.token(f.otherTherapist.email)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(f.unassignedPatient.id)", method: .get, headers: Self.json(therapist)).status == .ok
            )
            #expect(try await client.execute(uri: "\(uri)/\(f.otherTherapist.id)", method: .delete, headers: Self.json(token)).status == .noContent)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(f.unassignedPatient.id)", method: .get, headers: Self.json(therapist)).status
                    == .notFound
            )
        }
    }

    @Test(arguments: TestEngines.all) func healthNamesTheEngine(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, _, _ in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.json?["status"] as? String == "ok")
            #expect(health.json?["database"] as? String == engine.rawValue)
            #expect(health.json?["version"] as? String == KetaBridgeVersion.current)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
        }
    }

    @Test(arguments: TestEngines.all) func openAPIDescribesEveryAPIRoute(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, _, parts in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try #require(response.json)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let apiRoutes = parts.router.routes.filter { "\($0.path)".hasPrefix("/api/v1") }
            #expect(apiRoutes.count >= 14)
            for route in apiRoutes {
                let operations = paths["\(route.path)"]
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "missing from openapi.json: \(route)")
            }
        }
    }
}
