import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import NIOCore
import NIOFoundationCompat
import SQLKit
import Testing

@Suite struct AuthTests {
    @Test(arguments: TestEngines.all) func signInRotatesTheSessionAndSignOutEndsIt(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let page = try await client.execute(uri: "/login", method: .get)
            let anonymous = try #require(page.sessionCookie)
            let setCookie = try #require(page.headers[values: .setCookie].first)
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            let session = try await client.signIn(f.user(.nurse).email)
            #expect(session.cookie != anonymous)
            // The pre-login session is gone.
            #expect(try await client.execute(uri: "/patients", method: .get, headers: [.cookie: anonymous]).status == .seeOther)
            #expect(try await client.execute(uri: "/patients", method: .get, headers: session.headers).status == .ok)
            let out = try await client.execute(uri: "/logout", method: .post, headers: session.formHeaders(), body: session.form([:]))
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/patients", method: .get, headers: session.headers)
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/login?next=/patients")
        }
    }

    @Test(arguments: TestEngines.all) func sessionsLiveInTheDatabase(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let f = try await Fixture.make(store)
            let session = try await TestApp.run(store: store) { client, _ in try await client.signIn(f.user(.prescriber).email) }
            // A second app instance (a restart, or another instance behind the load balancer) knows the session.
            try await TestApp.run(store: store) { client, _ in
                let response = try await client.execute(uri: "/patients/\(f.patient.id)", method: .get, headers: session.headers)
                #expect(response.status == .ok)
                #expect(response.text.contains("Lovelace"))
            }
        }
    }

    @Test(arguments: TestEngines.all) func wrongPasswordsAreThrottledWith429(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, configuration: TestApp.configuration(maxFailures: 3)) { client, f, _ in
            let page = try await client.execute(uri: "/login", method: .get)
            let session = BrowserSession(cookie: try #require(page.sessionCookie), csrf: try #require(page.csrfToken))
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/login",
                    method: .post,
                    headers: session.formHeaders(),
                    body: session.form(["email": f.user(.nurse).email, "password": password])
                )
            }
            for _ in 0..<3 {
                let response = try await attempt("wrong password!!")
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("form-error"))
            }
            #expect(try await attempt("wrong password!!").status == .tooManyRequests)
            // Even the right password waits out the window.
            #expect(try await attempt(Fixture.password).status == .tooManyRequests)
            // The API shares the counter.
            let api = try await client.execute(
                uri: "/api/v1/auth/token",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"\#(f.user(.nurse).email)","password":"\#(Fixture.password)"}"#)
            )
            #expect(api.status == .tooManyRequests)
            let throttled = try await f.store.auditEvents(AuditFilter(action: .loginThrottled), page: .init()).total
            #expect(throttled == 3)
        }
    }

    @Test(arguments: TestEngines.all) func throttlingEndsWhenTheWindowPasses(_ engine: DatabaseEngine) async throws {
        let clock = ManualClock(Date())
        try await TestApp.run(engine, configuration: TestApp.configuration(maxFailures: 2), clock: clock) { client, f, _ async throws in
            let body = ByteBuffer(string: #"{"email":"\#(f.user(.nurse).email)","password":"not the password"}"#)
            func attempt(_ body: ByteBuffer) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"], body: body).status
            }
            #expect(try await attempt(body) == .unauthorized)
            #expect(try await attempt(body) == .unauthorized)
            #expect(try await attempt(body) == .tooManyRequests)
            clock.advance(by: 14 * 60)
            #expect(try await attempt(body) == .tooManyRequests)
            clock.advance(by: 61)
            let right = ByteBuffer(string: #"{"email":"\#(f.user(.nurse).email)","password":"\#(Fixture.password)"}"#)
            #expect(try await attempt(right) == .ok)
        }
    }

    @Test(arguments: TestEngines.all) func formsNeedTheCSRFTokenAndOurOrigin(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let session = try await client.signIn(f.user(.admin).email)
            let fields = ["mrn": "NEW-1", "givenName": "Mary", "familyName": "Shelley", "dateOfBirth": "1990-08-30", "sex": "female"]
            var forged = session
            forged.csrf = "not-the-token"
            #expect(
                try await client.execute(uri: "/patients", method: .post, headers: forged.formHeaders(), body: forged.form(fields)).status
                    == .forbidden
            )
            var foreign = session.formHeaders()
            foreign[.origin] = "https://evil.example"
            #expect(try await client.execute(uri: "/patients", method: .post, headers: foreign, body: session.form(fields)).status == .forbidden)
            let ok = try await client.execute(uri: "/patients", method: .post, headers: session.formHeaders(), body: session.form(fields))
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location]?.hasPrefix("/patients/") == true)
        }
    }

    @Test(arguments: TestEngines.all) func bearerTokensAreIssuedHashedAndRevocable(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, _ in
            let adminToken = try await client.token(f.user(.admin).email)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(adminToken)"])
            #expect(me.json?["email"] as? String == f.user(.admin).email)
            // An admin makes a device token for the nurse.
            let created = try await client.execute(
                uri: "/api/v1/admin/tokens",
                method: .post,
                headers: [.authorization: "Bearer \(adminToken)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"userId":"\#(f.user(.nurse).id)","name":"chair 3 monitor","expiresInDays":30}"#)
            )
            #expect(created.status == .created)
            let secret = try #require(created.json?["token"] as? String)
            let id = try #require(created.json?["id"] as? String)
            let stored = try await f.store.database.read { db in
                try await db.select().column("token_hash").from("api_tokens").where("id", .equal, id).first()?.decode(
                    column: "token_hash",
                    as: String.self
                )
            }
            #expect(stored != secret)
            #expect(stored?.count == 64)
            let asNurse: HTTPFields = [.authorization: "Bearer \(secret)"]
            #expect(try await client.execute(uri: "/api/v1/patients", method: .get, headers: asNurse).status == .ok)
            let listed = try await client.execute(uri: "/api/v1/admin/tokens", method: .get, headers: [.authorization: "Bearer \(adminToken)"])
            let entry = (try JSONSerialization.jsonObject(with: Data(buffer: listed.body)) as? [[String: Any]])?.first { $0["id"] as? String == id }
            #expect(entry?["lastUsedAt"] as? String != nil)
            #expect(
                try await client.execute(uri: "/api/v1/admin/tokens/\(id)", method: .delete, headers: [.authorization: "Bearer \(adminToken)"]).status
                    == .noContent
            )
            let revoked = try await client.execute(uri: "/api/v1/patients", method: .get, headers: asNurse)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers[.wwwAuthenticate] == "Bearer")
            #expect(
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: [.authorization: "Bearer nonsense"]).status == .unauthorized
            )
        }
    }
}
