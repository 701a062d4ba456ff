import Foundation
import KetaBridgeCore
import SQLKit

/// The audit hash chain: each row stores SHA-256(canonical row + previous hash). Appends happen inside the caller's
/// transaction, so an event commits exactly when the change it describes does.
enum AuditLog {
    static func hash(_ canonical: String) -> String { Digest.sha256Hex(canonical) }

    @discardableResult
    static func append(_ entry: AuditEntry, at: Date, on db: any SQLDatabase) async throws -> AuditEvent {
        // Lock the head row on PostgreSQL so appends from several instances stay in one line; SQLite's single writer
        // already serialises them.
        let lock = db.isPostgres ? " FOR UPDATE" : ""
        guard let head = try await db.raw(SQLQueryString("SELECT seq, hash FROM audit_head WHERE id = 1" + lock)).first() else {
            throw DomainError.storage("audit head is missing")
        }
        let seq = try head.int("seq") + 1
        let previous = try head.string("hash")
        let hash = hash(AuditEvent.canonical(seq: seq, at: at, entry: entry, previousHash: previous))
        try await db.insert(into: "audit_events")
            .columns(
                "seq",
                "at",
                "actor_id",
                "actor_role",
                "clinic_id",
                "action",
                "patient_id",
                "record_type",
                "record_id",
                "client_address",
                "outcome",
                "prev_hash",
                "hash"
            )
            .values(
                SQLBind(seq),
                SQLBind(at.epochMilliseconds),
                SQLBind(entry.actorId),
                SQLBind(entry.actorRole?.rawValue),
                SQLBind(entry.clinicId),
                SQLBind(entry.action.rawValue),
                SQLBind(entry.patientId),
                SQLBind(entry.recordType),
                SQLBind(entry.recordId),
                SQLBind(entry.clientAddress),
                SQLBind(entry.outcome.rawValue),
                SQLBind(previous),
                SQLBind(hash)
            ).run()
        try await db.update("audit_head").set("seq", to: seq).set("hash", to: hash).where("id", .equal, 1).run()
        return AuditEvent(seq: seq, at: at, entry: entry, previousHash: previous, hash: hash)
    }

    static func head(on db: any SQLDatabase) async throws -> (seq: Int64, hash: String) {
        guard let row = try await db.select().columns("seq", "hash").from("audit_head").where("id", .equal, 1).first() else {
            throw DomainError.storage("audit head is missing")
        }
        return (try row.int("seq"), try row.string("hash"))
    }

    static func list(_ filter: AuditFilter, page: PageRequest, on db: any SQLDatabase) async throws -> Page<AuditEvent> {
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            var select = select.from("audit_events")
            if let v = filter.clinicId { select = select.where("clinic_id", .equal, v) }
            if let v = filter.actorId { select = select.where("actor_id", .equal, v) }
            if let v = filter.patientId { select = select.where("patient_id", .equal, v) }
            if let v = filter.action { select = select.where("action", .equal, v.rawValue) }
            if let v = filter.from { select = select.where("at", .greaterThanOrEqual, v.epochMilliseconds) }
            if let v = filter.until { select = select.where("at", .lessThan, v.epochMilliseconds) }
            return select
        }
        let total = try await db.count { filtered($0) }
        let rows = try await filtered(db.select().columns("*")).orderBy("seq", .descending).limit(page.perPage).offset(page.offset).all()
        return Page(items: try rows.map(event), request: page, total: total)
    }

    /// Re-walks the whole chain in batches and names the first row that does not match.
    static func verify(database: any Database, batch: Int = 5_000) async throws -> AuditVerification {
        var expectedSeq: Int64 = 1
        var previous = AuditEvent.genesisHash
        var rows = 0
        while true {
            let from = expectedSeq
            let events = try await database.read { db -> [AuditEvent] in
                try await db.select().columns("*").from("audit_events").where("seq", .greaterThanOrEqual, from)
                    .orderBy("seq").limit(batch).all().map(event)
            }
            for event in events {
                if event.seq != expectedSeq {
                    return .broken(seq: expectedSeq, reason: "row \(expectedSeq) is missing (next row is \(event.seq))")
                }
                if event.previousHash != previous {
                    return .broken(seq: event.seq, reason: "row \(event.seq) does not link to the row before it")
                }
                if hash(event.canonical) != event.hash {
                    return .broken(seq: event.seq, reason: "row \(event.seq) was changed after it was written")
                }
                previous = event.hash
                expectedSeq += 1
                rows += 1
            }
            if events.count < batch { break }
        }
        let stored = try await database.read { db in try await Self.head(on: db) }
        if stored.seq != expectedSeq - 1 || stored.hash != previous {
            return .broken(seq: expectedSeq, reason: "the chain ends at row \(expectedSeq - 1) but its head says \(stored.seq): rows were removed")
        }
        return .intact(rows: rows, head: previous)
    }

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        AuditEvent(
            seq: try row.int("seq"),
            at: try row.date("at"),
            entry: AuditEntry(
                actorId: try row.optionalString("actor_id"),
                actorRole: try row.optionalString("actor_role").flatMap(Role.init(rawValue:)),
                clinicId: try row.optionalString("clinic_id"),
                action: try row.enumValue("action", as: AuditAction.self),
                patientId: try row.optionalString("patient_id"),
                recordType: try row.string("record_type"),
                recordId: try row.optionalString("record_id"),
                clientAddress: try row.optionalString("client_address"),
                outcome: try row.enumValue("outcome", as: AuditOutcome.self)
            ),
            previousHash: try row.string("prev_hash"),
            hash: try row.string("hash")
        )
    }
}
