public import KetaBridgeCore
import SQLKit

extension KetaBridgeStore {
    public func auditEvents(_ filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEvent> {
        try await database.read { db in try await AuditLog.list(filter, page: page, on: db) }
    }

    /// Re-walks the chain; `.broken` names the first row that does not match.
    public func verifyAudit() async throws -> AuditVerification {
        try await AuditLog.verify(database: database)
    }

    /// The chain's head (sequence number and hash), to keep somewhere else as an anchor.
    public func auditHead() async throws -> (seq: Int64, hash: String) {
        try await database.read { db in try await AuditLog.head(on: db) }
    }

    /// Whether the row at `seq` still carries `hash` (checks a previously printed anchor).
    public func auditRow(seq: Int64) async throws -> AuditEvent? {
        try await database.read { db in
            try await db.select().columns("*").from("audit_events").where("seq", .equal, seq).first().map(AuditLog.event)
        }
    }
}
