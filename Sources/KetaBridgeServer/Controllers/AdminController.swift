import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// Admin pages and API: users, API tokens and the audit log.
struct AdminController {
    let store: KetaBridgeStore
    let views: Views
    let hasher: PasswordHasher

    func addRoutes(to routes: SecureRoutes) {
        routes.html(.get, "/admin/audit", .admin, "Audit log with filters") { request, context in
            let actor = try context.requireActor()
            let (filter, form) = try auditFilter(request, clinicId: actor.clinicId)
            let page = PageRequest(page: request.uri.queryParameters.get("page", as: Int.self) ?? 1, perPage: 50)
            let events = try await store.auditEvents(filter, page: page)
            let users = try await store.users(clinicId: actor.clinicId)
            return views.render(
                "admin_audit",
                AuditPage(chrome: Chrome(context, title: "Audit log", current: "/admin/audit"), events: events, users: users, form: form)
            )
        }
        routes.api(
            .get,
            "/api/v1/admin/audit",
            .admin,
            "Audit events, newest first (filters: userId, patientId, action, from, to)",
            response: "AuditPage"
        ) {
            request,
            context in
            let actor = try context.requireActor()
            let (filter, _) = try auditFilter(request, clinicId: actor.clinicId)
            let query = request.uri.queryParameters
            let page = PageRequest(page: query.get("page", as: Int.self) ?? 1, perPage: query.get("perPage", as: Int.self) ?? 50)
            let events = try await store.auditEvents(filter, page: page)
            return try JSONOutput.response(AuditPageBody(events, page))
        }
        routes.html(.get, "/admin/users", .admin, "Users of the clinic") { _, context in
            try await usersPage(context, input: [:], errors: .init(), notice: nil)
        }
        routes.html(.post, "/admin/users", .admin, "Create a user") { _, context in
            let form = context.form
            do {
                let request = try UserAccounts.Request(
                    email: form["email"] ?? "",
                    name: form["name"] ?? "",
                    role: form["role"] ?? "",
                    password: form["password"] ?? "",
                    patientId: form.text("patientId")
                )
                _ = try await UserAccounts(store: store, hasher: hasher).create(request, clinicId: try context.requireActor().clinicId)
                return try await usersPage(context, input: [:], errors: .init(), notice: "Created \(form["email"] ?? "").")
            } catch let error as DomainError {
                var errors = ValidationErrors()
                switch error {
                case .invalid(let field, let message): errors.add(field, message)
                case .duplicate(let field): errors.add(field, "already belongs to another user")
                default: throw error
                }
                return try await usersPage(context, input: form.values, errors: errors, notice: nil, status: .badRequest)
            }
        }
        routes.api(.get, "/api/v1/users", .admin, "Users of the clinic", response: "UserList") { _, context in
            try JSONOutput.response(try await store.users(clinicId: try context.requireActor().clinicId))
        }
        routes.html(.get, "/admin/tokens", .admin, "API tokens") { _, context in
            try await tokensPage(context, issued: nil)
        }
        routes.html(.post, "/admin/tokens", .admin, "Create an API token") { _, context in
            let input = TokenInput(
                userId: try context.form.required("userId", "choose the user the token acts as"),
                name: try context.form.required("name", "name the token, e.g. 'chair 3 monitor'"),
                expiresInDays: Int(context.form["expiresInDays"] ?? "")
            )
            let issued = try await issueToken(input, context: context)
            return try await tokensPage(context, issued: issued.token)
        }
        routes.html(.post, "/admin/tokens/:tokenID/revoke", .admin, "Revoke an API token") { _, context in
            try await store.revokeAPIToken(
                id: try context.parameters.require("tokenID"),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return .redirect(to: "/admin/tokens", type: .normal)
        }
        routes.api(.get, "/api/v1/admin/tokens", .admin, "API tokens of the clinic (never their secrets)", response: "TokenList") { _, context in
            try JSONOutput.response(try await store.apiTokens(clinicId: try context.requireActor().clinicId))
        }
        routes.api(
            .post,
            "/api/v1/admin/tokens",
            .admin,
            "Create an API token for a program or device",
            request: "TokenInput",
            response: "IssuedToken",
            status: 201
        ) {
            request,
            context in
            let input = try await JSONInput.decode(TokenInput.self, from: request, context: context)
            return try JSONOutput.response(try await issueToken(input, context: context), status: .created)
        }
        routes.api(.delete, "/api/v1/admin/tokens/:tokenID", .admin, "Revoke an API token", status: 204) { _, context in
            try await store.revokeAPIToken(
                id: try context.parameters.require("tokenID"),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return Response(status: .noContent)
        }
    }

    func issueToken(_ input: TokenInput, context: AppRequestContext) async throws -> IssuedToken {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else { throw DomainError.invalid(field: "name", message: "name the token (1 to 100 characters)") }
        if let days = input.expiresInDays, !(1...3650).contains(days) {
            throw DomainError.invalid(field: "expiresInDays", message: "choose 1 to 3650 days, or leave it empty for no expiry")
        }
        let secret = Secrets.randomToken()
        let token = try await store.createAPIToken(
            userId: input.userId,
            name: name,
            hash: Digest.sha256Hex(secret),
            lifetime: input.expiresInDays.map { TimeInterval($0 * 86_400) },
            audit: try context.requireActor(),
            client: context.clientAddress
        )
        return IssuedToken(token: secret, expiresAt: token.expiresAt, id: token.id)
    }

    func auditFilter(_ request: Request, clinicId: String) throws -> (AuditFilter, [String: String]) {
        let q = request.uri.queryParameters
        func text(_ key: String) -> String? { q[Substring(key)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = AuditFilter(clinicId: clinicId, actorId: text("userId"), patientId: text("patientId"))
        if let action = text("action") {
            guard let value = AuditAction(rawValue: action) else {
                throw DomainError.invalid(field: "action", message: "one of \(AuditAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.action = value
        }
        func day(_ key: String) throws -> Date? {
            guard let value = text(key) else { return nil }
            guard let date = CalendarDate(value) else { throw DomainError.invalid(field: key, message: "enter a date as YYYY-MM-DD") }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
        }
        filter.from = try day("from")
        filter.until = try day("to").map { $0.addingTimeInterval(86_400) }
        let form = [
            "userId": text("userId") ?? "", "patientId": text("patientId") ?? "", "action": text("action") ?? "", "from": text("from") ?? "",
            "to": text("to") ?? "",
        ]
        return (filter, form)
    }

    func usersPage(
        _ context: AppRequestContext,
        input: [String: String],
        errors: ValidationErrors,
        notice: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let users = try await store.users(clinicId: try context.requireActor().clinicId)
        return views.render(
            "admin_users",
            UsersPage(chrome: Chrome(context, title: "Users", current: "/admin/users"), users: users, input: input, errors: errors, notice: notice),
            status: status
        )
    }

    func tokensPage(_ context: AppRequestContext, issued: String?) async throws -> Response {
        let clinicId = try context.requireActor().clinicId
        let tokens = try await store.apiTokens(clinicId: clinicId)
        let users = try await store.users(clinicId: clinicId)
        return views.render(
            "admin_tokens",
            TokensPage(
                chrome: Chrome(context, title: "API tokens", current: "/admin/tokens"),
                tokens: tokens,
                users: users,
                issued: issued,
                now: store.clock.now
            )
        )
    }
}

struct TokenInput: Decodable {
    let userId: String
    let name: String
    let expiresInDays: Int?
}

struct AuditPageBody: Encodable {
    struct Event: Encodable {
        let seq: Int64
        let at: Date
        let actorId: String?
        let actorRole: String?
        let action: String
        let patientId: String?
        let recordType: String
        let recordId: String?
        let clientAddress: String?
        let outcome: String
        let hash: String
    }

    let events: [Event]
    let page: Int
    let perPage: Int
    let total: Int

    init(_ result: Page<AuditEvent>, _ request: PageRequest) {
        events = result.items.map { e in
            Event(
                seq: e.seq,
                at: e.at,
                actorId: e.entry.actorId,
                actorRole: e.entry.actorRole?.rawValue,
                action: e.entry.action.rawValue,
                patientId: e.entry.patientId,
                recordType: e.entry.recordType,
                recordId: e.entry.recordId,
                clientAddress: e.entry.clientAddress,
                outcome: e.entry.outcome.rawValue,
                hash: e.hash
            )
        }
        page = request.page
        perPage = request.perPage
        total = result.total
    }
}
