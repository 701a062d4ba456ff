import Foundation
import KetaBridgeCore
import SQLKit

/// Row ↔ model conversions shared by the repositories.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func date(_ column: String) throws -> Date { Date(epochMilliseconds: try int(column)) }
    func optionalDate(_ column: String) throws -> Date? { try decode(column: column, as: Int64?.self).map(Date.init(epochMilliseconds:)) }

    func enumValue<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else { throw DomainError.storage("unexpected \(column) '\(raw)'") }
        return value
    }
}

extension SQLDatabase {
    var isPostgres: Bool { dialect.name == "postgresql" }

    /// `SELECT COUNT(*)` of a prepared select, portable across engines.
    func count(_ build: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Int {
        let row = try await build(select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()
        return Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
    }
}

extension Optional where Wrapped == Date {
    var epochMilliseconds: Int64? { self?.epochMilliseconds }
}
