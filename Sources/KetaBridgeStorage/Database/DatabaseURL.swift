import Foundation
import KetaBridgeCore

/// Where the data lives: `sqlite:PATH` or `postgres://user:pass@host:port/db[?sslmode=disable|prefer|require]`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    public static let defaultSQLitePath = "./ketabridge-data/ketabridge.sqlite"
    public static let `default` = DatabaseURL.sqlite(path: defaultSQLitePath)

    public struct PostgresSettings: Sendable, Equatable {
        public enum TLSMode: String, Sendable { case disable, prefer, require }
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tls: TLSMode
        /// Optional schema (`?schema=name`), used by tests to give each test its own namespace.
        public var schema: String?
    }

    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw DomainError.invalid(field: "database", message: "sqlite: needs a file path, e.g. sqlite:./data.sqlite") }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let components = URLComponents(string: text),
            let host = components.host, !host.isEmpty
        else {
            throw DomainError.invalid(
                field: "database",
                message: "expected sqlite:PATH or postgres://user:password@host:port/database, got '\(Self.redacted(text))'"
            )
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let tlsText = query["sslmode"] ?? "disable"
        guard let tls = PostgresSettings.TLSMode(rawValue: tlsText) else {
            throw DomainError.invalid(field: "database", message: "sslmode must be disable, prefer or require")
        }
        if let schema = query["schema"], !schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            throw DomainError.invalid(field: "database", message: "schema may hold only letters, digits and _")
        }
        self = .postgres(
            PostgresSettings(
                host: host,
                port: components.port ?? 5432,
                username: components.percentEncodedUser?.removingPercentEncoding ?? "postgres",
                password: components.percentEncodedPassword?.removingPercentEncoding,
                database: database.isEmpty ? "postgres" : database,
                tls: tls,
                schema: query["schema"]
            )
        )
    }

    public var engine: DatabaseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Safe to print: the password is never shown.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let s): "postgres://\(s.username)@\(s.host):\(s.port)/\(s.database)"
        }
    }

    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://") else { return text }
        return String(text[..<scheme.upperBound]) + "***" + String(text[at...])
    }
}
