import Foundation
import KetaBridgeCore
import PostgresNIO
import SQLiteNIO

/// Maps driver errors to domain errors at the storage boundary, so no caller sees an engine's error type.
enum StorageErrors {
    static func map(_ error: any Error) -> any Error {
        if error is DomainError || error is CancellationError { return error }
        if let error = error as? SQLiteError {
            // "UNIQUE constraint failed: patients.clinic_id, patients.mrn" → the last column names the field.
            if error.message.contains("UNIQUE constraint failed"),
                let column = error.message.split(separator: ",").last?.split(separator: ".").last
            {
                return DomainError.duplicate(field: fieldName(String(column).trimmingCharacters(in: .whitespaces)))
            }
            return DomainError.storage("sqlite: \(error.reason)")
        }
        if let error = error as? PSQLError {
            // Unique indexes are named uq_<table>__<column>, so the field is the part after "__".
            if error.serverInfo?[.sqlState] == "23505" {
                let constraint = error.serverInfo?[.constraintName] ?? ""
                let column = constraint.components(separatedBy: "__").last ?? constraint
                return DomainError.duplicate(field: fieldName(column))
            }
            if let state = error.serverInfo?[.sqlState] {
                return DomainError.storage("postgres: SQLSTATE \(state)")
            }
            return DomainError.storage("postgres: \(error.code)")
        }
        return error
    }

    /// snake_case column → camelCase API field.
    static func fieldName(_ column: String) -> String {
        let parts = column.split(separator: "_")
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
