public import Foundation

/// What happened, as recorded in the audit chain.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case create
    case read
    case update
    case search
    case login
    case loginFailed = "login-failed"
    case loginThrottled = "login-throttled"
    case logout
    case tokenIssued = "token-issued"
    case tokenRevoked = "token-revoked"
}

public enum AuditOutcome: String, Sendable, Codable, CaseIterable {
    case success
    case denied
    case failure
}

/// An audit event before it is chained: who did what to which record, from where, with what outcome.
/// Never carries PHI values — ids only.
public struct AuditEntry: Sendable, Equatable {
    public var actorId: String?
    public var actorRole: Role?
    public var clinicId: String?
    public var action: AuditAction
    public var patientId: String?
    public var recordType: String
    public var recordId: String?
    public var clientAddress: String?
    public var outcome: AuditOutcome

    public init(
        actorId: String?,
        actorRole: Role?,
        clinicId: String?,
        action: AuditAction,
        patientId: String? = nil,
        recordType: String,
        recordId: String? = nil,
        clientAddress: String?,
        outcome: AuditOutcome = .success
    ) {
        self.actorId = actorId
        self.actorRole = actorRole
        self.clinicId = clinicId
        self.action = action
        self.patientId = patientId
        self.recordType = recordType
        self.recordId = recordId
        self.clientAddress = clientAddress
        self.outcome = outcome
    }

    public init(_ actor: Actor, _ action: AuditAction, patientId: String? = nil, recordType: String, recordId: String? = nil, client: String?) {
        self.init(
            actorId: actor.userId,
            actorRole: actor.role,
            clinicId: actor.clinicId,
            action: action,
            patientId: patientId,
            recordType: recordType,
            recordId: recordId,
            clientAddress: client
        )
    }
}

/// A stored audit row: the entry, its place in the chain and its hash.
public struct AuditEvent: Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    public var entry: AuditEntry
    public var previousHash: String
    public var hash: String

    public init(seq: Int64, at: Date, entry: AuditEntry, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash that comes before the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact bytes that are hashed: every field, length-prefixed so no two rows share a form, followed by the
    /// previous row's hash. Changing any field, or the order of rows, changes the hash.
    public static func canonical(seq: Int64, at: Date, entry: AuditEntry, previousHash: String) -> String {
        let fields: [String?] = [
            "v1", String(seq), String(at.epochMilliseconds), entry.actorId, entry.actorRole?.rawValue, entry.clinicId,
            entry.action.rawValue, entry.patientId, entry.recordType, entry.recordId, entry.clientAddress, entry.outcome.rawValue,
            previousHash,
        ]
        return fields.map { field in field.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: ";")
    }

    public var canonical: String { Self.canonical(seq: seq, at: at, entry: entry, previousHash: previousHash) }
}

/// Filters for the admin audit page and API.
public struct AuditFilter: Sendable, Equatable {
    public var clinicId: String?
    public var actorId: String?
    public var patientId: String?
    public var action: AuditAction?
    public var from: Date?
    public var until: Date?

    public init(
        clinicId: String? = nil,
        actorId: String? = nil,
        patientId: String? = nil,
        action: AuditAction? = nil,
        from: Date? = nil,
        until: Date? = nil
    ) {
        self.clinicId = clinicId
        self.actorId = actorId
        self.patientId = patientId
        self.action = action
        self.from = from
        self.until = until
    }
}

/// The result of re-walking the chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(rows: Int, head: String)
    /// The first row whose stored hash or link does not match; `seq` is the expected position when a row is missing.
    case broken(seq: Int64, reason: String)
}
