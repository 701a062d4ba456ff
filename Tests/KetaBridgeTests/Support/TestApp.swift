import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat
import Testing

/// Builds the real application on a fresh database with the fixture, and runs `body` against its router.
enum TestApp {
    static func configuration(maxFailures: Int = 5) -> AppConfiguration {
        AppConfiguration(bcryptCost: 4, loginThrottle: LoginThrottlePolicy(maxFailures: maxFailures, window: 15 * 60))
    }

    static func run<T: Sendable>(
        _ engine: DatabaseEngine,
        configuration: AppConfiguration = configuration(),
        clock: any WallClock = SystemClock(),
        _ body: @Sendable (any TestClientProtocol, Fixture, AppParts) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withStore(engine, clock: clock) { store in
            let fixture = try await Fixture.make(store)
            return try await run(store: store, configuration: configuration) { client, parts in try await body(client, fixture, parts) }
        }
    }

    static func run<T: Sendable>(
        store: KetaBridgeStore,
        configuration: AppConfiguration = configuration(),
        logger: Logger = TestDatabase.logger,
        _ body: @Sendable (any TestClientProtocol, AppParts) async throws -> T
    ) async throws -> T {
        let views = try await Views.load()
        let parts = buildRouter(store: store, configuration: configuration, views: views)
        let app = Application(router: parts.router, logger: logger)
        nonisolated(unsafe) let unsafeParts = parts
        return try await app.test(.router) { client in try await body(client, unsafeParts) }
    }
}

/// A browser-like session: the cookie and the CSRF token of the last page.
struct BrowserSession: Sendable {
    var cookie: String
    var csrf: String

    var headers: HTTPFields { [.cookie: cookie] }

    func formHeaders() -> HTTPFields {
        [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
    }

    func form(_ fields: [String: String]) -> ByteBuffer {
        var all = fields
        all["_csrf"] = csrf
        let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return ByteBuffer(string: body)
    }
}

extension TestClientProtocol {
    /// Signs in through the real login form and returns the signed-in session.
    func signIn(_ email: String, password: String = Fixture.password) async throws -> BrowserSession {
        let page = try await execute(uri: "/login", method: .get)
        var session = BrowserSession(cookie: try #require(page.sessionCookie), csrf: try #require(page.csrfToken))
        let response = try await execute(
            uri: "/login",
            method: .post,
            headers: session.formHeaders(),
            body: session.form(["email": email, "password": password])
        )
        #expect(response.status == .seeOther, "sign-in of \(email) answered \(response.status)")
        session.cookie = try #require(response.sessionCookie)
        let home = try await execute(uri: "/", method: .get, headers: session.headers)
        session.csrf = try #require(home.csrfToken)
        return session
    }

    /// A bearer token from the API's own endpoint.
    func token(_ email: String, password: String = Fixture.password) async throws -> String {
        let response = try await execute(
            uri: "/api/v1/auth/token",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email":"\#(email)","password":"\#(password)"}"#)
        )
        #expect(response.status == .ok)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return try #require(json?["token"] as? String)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] }

    var sessionCookie: String? {
        headers[values: .setCookie].compactMap { header -> String? in
            guard header.hasPrefix("kb_session=") else { return nil }
            return String(header.split(separator: ";")[0])
        }.last
    }

    var csrfToken: String? {
        guard let range = text.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
