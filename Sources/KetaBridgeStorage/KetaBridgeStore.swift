public import Foundation
public import KetaBridgeCore
import SQLKit

/// The storage facade the server and CLI use: each method is one transaction, and every create, read and update
/// of patient data appends its audit event in the same transaction (DESIGN.md §4 "Records and audit").
public struct KetaBridgeStore: Sendable {
    public let database: any Database
    public let clock: any WallClock

    public init(database: any Database, clock: any WallClock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public var engine: DatabaseEngine { database.engine }

    /// The clock's time at the precision instants are stored with (milliseconds), so what a call returns equals
    /// what a later read finds.
    public var now: Date { Date(epochMilliseconds: clock.now.epochMilliseconds) }

    /// `SELECT 1` through a reader: what `/health` asks.
    public func ping() async throws {
        _ = try await database.read { db in try await db.raw("SELECT 1 AS one").first() }
    }

    /// Records an event on its own (sign-ins, refusals) when there is no other change to ride along with.
    public func audit(_ entry: AuditEntry) async throws {
        let now = self.now
        try await database.write { db in _ = try await AuditLog.append(entry, at: now, on: db) }
    }
}
