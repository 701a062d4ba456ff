import Foundation
import HTTPTypes
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

private let timestampFormat: Date.ISO8601FormatStyle = .iso8601

struct AuditPage: PageModel {
    struct Row {
        let seq: Int64
        let at: String
        let actor: String
        let action: String
        let record: String
        let patientId: String
        let patientHref: String?
        let client: String
        let outcome: String
        let denied: Bool
    }

    let chrome: Chrome
    let rows: [Row]
    let pager: Pager
    let userOptions: [SelectOption]
    let actionOptions: [SelectOption]
    let form: [String: String]
    let isEmpty: Bool
    let patientFilter: String
    let fromFilter: String
    let toFilter: String

    init(chrome: Chrome, events: Page<AuditEvent>, users: [User], form: [String: String]) {
        self.chrome = chrome
        self.form = form
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) })
        self.rows = events.items.map { e in
            Row(
                seq: e.seq,
                at: e.at.formatted(timestampFormat),
                actor: e.entry.actorId.map { names[$0] ?? $0 } ?? "system",
                action: e.entry.action.rawValue,
                record: e.entry.recordType + (e.entry.recordId.map { " \($0.prefix(8))" } ?? ""),
                patientId: e.entry.patientId.map { String($0.prefix(8)) } ?? "",
                patientHref: e.entry.patientId.map { "/admin/audit?patientId=\($0)" },
                client: e.entry.clientAddress ?? "",
                outcome: e.entry.outcome.rawValue,
                denied: e.entry.outcome != .success
            )
        }
        self.pager = Pager(events, path: "/admin/audit", query: form)
        self.userOptions = users.map { SelectOption(value: $0.id, label: "\($0.name) (\($0.role.rawValue))", selected: $0.id == form["userId"]) }
        self.actionOptions = AuditAction.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == form["action"])
        }
        self.isEmpty = rows.isEmpty
        self.patientFilter = form["patientId"] ?? ""
        self.fromFilter = form["from"] ?? ""
        self.toFilter = form["to"] ?? ""
    }
}

struct UsersPage: PageModel {
    struct Row {
        let name: String
        let email: String
        let role: String
        let active: Bool
    }

    let chrome: Chrome
    let rows: [Row]
    let roleOptions: [SelectOption]
    let input: [String: String]
    let errors: [String: String]
    let notice: String?
    let hasErrors: Bool

    init(chrome: Chrome, users: [User], input: [String: String], errors: ValidationErrors, notice: String?) {
        self.chrome = chrome
        self.rows = users.map { Row(name: $0.name, email: $0.email, role: $0.role.title, active: $0.active) }
        self.roleOptions = Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == input["role"]) }
        self.input = input
        self.errors = Dictionary(errors.fields.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        self.notice = notice
        self.hasErrors = !errors.isEmpty
    }
}

struct TokensPage: PageModel {
    struct Row {
        let id: String
        let name: String
        let owner: String
        let created: String
        let expires: String
        let lastUsed: String
        let status: String
        let usable: Bool
        let revokeAction: String
    }

    let chrome: Chrome
    let rows: [Row]
    let users: [SelectOption]
    let issued: String?
    let isEmpty: Bool

    init(chrome: Chrome, tokens: [APIToken], users: [User], issued: String?, now: Date) {
        self.chrome = chrome
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) })
        self.rows = tokens.map { t in
            let status = t.revokedAt != nil ? "revoked" : (t.isUsable(at: now) ? "active" : "expired")
            return Row(
                id: t.id,
                name: t.name,
                owner: names[t.userId] ?? t.userId,
                created: t.createdAt.formatted(timestampFormat),
                expires: t.expiresAt?.formatted(timestampFormat) ?? "never",
                lastUsed: t.lastUsedAt?.formatted(timestampFormat) ?? "never",
                status: status,
                usable: t.isUsable(at: now),
                revokeAction: "/admin/tokens/\(t.id)/revoke"
            )
        }
        self.users = users.filter(\.active).map { SelectOption(value: $0.id, label: "\($0.name) (\($0.role.rawValue))") }
        self.issued = issued
        self.isEmpty = rows.isEmpty
    }
}
