import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// Sign-in and sign-out pages, the API token endpoint, and the home page.
struct AuthController {
    let store: KetaBridgeStore
    let views: Views
    let hasher: PasswordHasher
    let configuration: AppConfiguration
    let sessionStorage: SessionStorage<WebSession>

    func addRoutes(to routes: SecureRoutes) {
        routes.html(.get, "/login", .anyone, "Sign-in page") { request, context in
            if context.identity != nil { return .redirect(to: "/", type: .normal) }
            ensureAnonymousSession(context)
            return views.render(
                "login",
                LoginPage(
                    chrome: Chrome(context, title: "Sign in"),
                    email: "",
                    error: nil,
                    next: safeNext(request.uri.queryParameters["next"].map(String.init))
                )
            )
        }
        routes.html(.post, "/login", .anyone, "Sign in") { request, context in
            let email = context.form.text("email")?.lowercased() ?? ""
            let next = safeNext(context.form["next"])
            func again(_ message: String, _ status: HTTPResponse.Status) -> Response {
                views.render("login", LoginPage(chrome: Chrome(context, title: "Sign in"), email: email, error: message, next: next), status: status)
            }
            switch try await authenticate(email: email, password: context.form["password"] ?? "", client: context.clientAddress) {
            case .throttled:
                return again("Too many failed attempts. Wait 15 minutes, or ask an admin to help.", .tooManyRequests)
            case .failed:
                return again("That e-mail and password do not match an active account.", .unauthorized)
            case .succeeded(let user):
                // A new session id at sign-in (no fixation); the pre-login session is removed.
                _ = try? await sessionStorage.delete(request: request)
                context.sessions.createSession(
                    WebSession(userId: user.id, csrfToken: Secrets.randomToken()),
                    expiresIn: configuration.sessionLifetime
                )
                return .redirect(to: next, type: .normal)
            }
        }
        routes.html(.post, "/logout", .signedIn(), "Sign out") { _, context in
            let actor = try context.requireActor()
            try await store.audit(AuditEntry(actor, .logout, recordType: "session", client: context.clientAddress))
            context.sessions.clearSession()
            return .redirect(to: "/login", type: .normal)
        }
        routes.html(.get, "/", .signedIn(), "Home page") { _, context in
            let actor = try context.requireActor()
            return views.render("home", HomePage(chrome: Chrome(context, title: "Home", current: "/"), actor: actor))
        }
        routes.api(
            .post,
            "/api/v1/auth/token",
            .anyone,
            "Exchange an e-mail and password for an API bearer token",
            request: "Credentials",
            response: "IssuedToken"
        ) {
            request,
            context in
            let credentials = try await JSONInput.decode(Credentials.self, from: request, context: context)
            switch try await authenticate(email: credentials.email.lowercased(), password: credentials.password, client: context.clientAddress) {
            case .throttled: throw HTTPError(.tooManyRequests, message: "too many failed attempts; wait 15 minutes")
            case .failed: throw HTTPError(.unauthorized, message: "that e-mail and password do not match an active account")
            case .succeeded(let user):
                let secret = Secrets.randomToken()
                let token = try await store.createAPIToken(
                    userId: user.id,
                    name: "login token",
                    hash: Digest.sha256Hex(secret),
                    lifetime: configuration.apiTokenLifetime,
                    audit: nil,
                    client: context.clientAddress
                )
                return try JSONOutput.response(IssuedToken(token: secret, expiresAt: token.expiresAt, id: token.id))
            }
        }
        routes.api(.get, "/api/v1/me", .signedIn(), "The signed-in user", response: "User") { _, context in
            try JSONOutput.response(context.identity)
        }
    }

    enum Outcome {
        case throttled
        case failed
        case succeeded(User)
    }

    /// Checks a password with throttling per account and per address; every attempt is audited.
    func authenticate(email: String, password: String, client: String?) async throws -> Outcome {
        let policy = configuration.loginThrottle
        let keys = LoginThrottlePolicy.keys(email: email, clientAddress: client)
        let found = try await store.credentials(email: email)
        func entry(_ action: AuditAction, _ outcome: AuditOutcome) -> AuditEntry {
            AuditEntry(
                actorId: found?.user.id,
                actorRole: found?.user.role,
                clinicId: found?.user.clinicId,
                action: action,
                recordType: "session",
                clientAddress: client,
                outcome: outcome
            )
        }
        if policy.isBlocked(recentFailures: try await store.recentLoginFailures(keys: keys, policy: policy)) {
            try await store.audit(entry(.loginThrottled, .denied))
            return .throttled
        }
        // Without an account a decoy hash is still checked, so the response time does not tell which e-mails exist.
        let matches = try await hasher.verify(password, hash: found?.passwordHash ?? PasswordHasher.decoyHash)
        guard let found, matches, found.user.active else {
            try await store.recordLoginFailure(keys: keys, audit: entry(.loginFailed, .failure), policy: policy)
            return .failed
        }
        try await store.recordLoginSuccess(accountKey: keys[0], audit: entry(.login, .success))
        return .succeeded(found.user)
    }

    /// Forms need a CSRF token before sign-in too, so the login page starts an anonymous session.
    func ensureAnonymousSession(_ context: AppRequestContext) {
        if context.sessions.session == nil {
            context.sessions.createSession(WebSession(userId: nil, csrfToken: Secrets.randomToken()), expiresIn: .seconds(3600))
        }
    }

    /// Only local paths, so a crafted link cannot send someone elsewhere after signing in.
    func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}

struct Credentials: Decodable {
    let email: String
    let password: String
}

struct IssuedToken: Encodable {
    let token: String
    let expiresAt: Date?
    let id: String
}

struct LoginPage: PageModel {
    let chrome: Chrome
    let email: String
    let error: String?
    let next: String
}

/// Mustache sees stored properties only (it reflects with Mirror), so page models hold plain values.
struct HomePage: PageModel {
    let chrome: Chrome
    let greeting: String
    let isPatient: Bool
    let isStaff: Bool
    let isAdmin: Bool
    let canCreatePatients: Bool
    let ownRecord: String

    init(chrome: Chrome, actor: Actor) {
        self.chrome = chrome
        self.greeting = "Welcome, \(actor.name)"
        self.isPatient = actor.role == .patient
        self.isStaff = actor.role != .patient
        self.isAdmin = actor.role == .admin
        self.canCreatePatients = PatientPages.editors.contains(actor.role)
        self.ownRecord = "/patients/\(actor.patientId ?? "")"
    }
}
