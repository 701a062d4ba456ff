import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import NIOCore
import Testing

/// Every route has a policy, and every role gets exactly what its policy says: 401 (or the login page), 403, or
/// success.
@Suite struct AuthorizationMatrixTests {
    static let credentialChecks: Set<String> = ["/login", "/api/v1/auth/token"]

    @Test(arguments: TestEngines.all) func everyRouteIsRegisteredWithAPolicy(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { _, _, parts in
            let registered = Set(parts.router.routes.map { "\($0.method) \($0.path)" })
            let withPolicy = Set(parts.catalog.endpoints.map { "\($0.method) \(RouterPathText.normalise($0.path))" })
            #expect(!registered.isEmpty)
            #expect(registered == withPolicy, "routes without a policy: \(registered.subtracting(withPolicy))")
        }
    }

    @Test(arguments: TestEngines.all) func roleByEndpointMatrix(_ engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { client, f, parts in
            let otherToken = try await f.store.createAPIToken(
                userId: f.user(.nurse).id,
                name: "matrix",
                hash: String(repeating: "a", count: 64),
                lifetime: nil,
                audit: nil,
                client: nil
            )
            var sessions: [Role: BrowserSession] = [:]
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                sessions[role] = try await client.signIn(f.user(role).email)
                tokens[role] = try await client.token(f.user(role).email)
            }
            // Sign-out last, so it does not end the sessions the other rows use.
            let endpoints = parts.catalog.endpoints.sorted { a, _ in a.path != "/logout" }
            var checked = 0
            for endpoint in endpoints {
                let uri = endpoint.path.replacingOccurrences(of: ":patientID", with: f.patient.id)
                    .replacingOccurrences(of: ":userID", with: f.user(.nurse).id).replacingOccurrences(of: ":tokenID", with: otherToken.id)
                let roles: [Role?] = [nil] + Role.allCases.map { $0 }
                for role in roles {
                    let actor = role.map { f.actor($0) }
                    var headers: HTTPFields = [:]
                    var body: ByteBuffer?
                    if let role {
                        if endpoint.surface == .api {
                            headers[.authorization] = "Bearer \(tokens[role]!)"
                            headers[.contentType] = "application/json"
                            body = ByteBuffer(string: "{}")
                        } else {
                            headers = sessions[role]!.formHeaders()
                            body = sessions[role]!.form([:])
                        }
                    }
                    if endpoint.method == .get { body = nil }
                    let response = try await client.execute(uri: uri, method: endpoint.method, headers: headers, body: body)
                    let label = "\(role?.rawValue ?? "anonymous") \(endpoint.method) \(endpoint.path) → \(response.status.code)"
                    switch endpoint.rule.decide(actor) {
                    case .unauthenticated:
                        if endpoint.surface == .api {
                            #expect(response.status == .unauthorized, "\(label)")
                        } else {
                            #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true, "\(label)")
                        }
                    case .forbidden:
                        #expect(response.status == .forbidden, "\(label)")
                    case .allowed where Self.credentialChecks.contains(endpoint.path) && endpoint.method == .post:
                        // The sign-in routes themselves answer missing fields with 400, wrong credentials with 401, a missing form session
                        // with 403, and repeated failures with 429.
                        #expect([400, 401, 403, 429].contains(response.status.code), "\(label)")
                    case .allowed:
                        if endpoint.method == .get && !(endpoint.path == "/login" && role != nil) {
                            #expect(response.status == .ok, "\(label)")
                        } else {
                            // Writes with an empty body: refused as bad input or done, never a 401/403/5xx.
                            #expect(![401, 403].contains(response.status.code) && response.status.code < 500, "\(label)")
                        }
                    }
                    checked += 1
                }
            }
            #expect(checked == parts.catalog.endpoints.count * 6)
        }
    }
}

/// Hummingbird prints `:name` parameters as `{name}`; compare like with like.
enum RouterPathText {
    static func normalise(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
            separator: "/"
        )
    }
}
