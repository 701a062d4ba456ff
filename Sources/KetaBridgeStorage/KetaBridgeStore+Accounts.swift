public import Foundation
public import KetaBridgeCore

extension KetaBridgeStore {
    public func createClinic(name: String, timeZone: String = "UTC") async throws -> Clinic {
        let clinic = Clinic(name: name, timeZone: timeZone, createdAt: now)
        try await database.write { db in try await ClinicRepository.insert(clinic, on: db) }
        return clinic
    }

    public func clinic(id: String) async throws -> Clinic? {
        try await database.read { db in try await ClinicRepository.find(id: id, on: db) }
    }

    public func clinic(named name: String) async throws -> Clinic? {
        try await database.read { db in try await ClinicRepository.find(name: name, on: db) }
    }

    public func clinics() async throws -> [Clinic] {
        try await database.read { db in try await ClinicRepository.all(on: db) }
    }

    /// Creates a user whose password was already checked against `PasswordPolicy` and hashed.
    public func createUser(_ new: NewUser, clinicId: String, passwordHash: String) async throws -> User {
        let user = User(clinicId: clinicId, email: new.email, name: new.name, role: new.role, patientId: new.patientId, createdAt: now)
        try await database.write { db in
            guard try await ClinicRepository.find(id: clinicId, on: db) != nil else { throw DomainError.notFound("clinic") }
            if let patientId = new.patientId {
                guard let patient = try await PatientRepository.find(id: patientId, on: db), patient.clinicId == clinicId else {
                    throw DomainError.invalid(field: "patientId", message: "no such patient in this clinic")
                }
            }
            try await UserRepository.insert(user, passwordHash: passwordHash, on: db)
        }
        return user
    }

    public func user(id: String) async throws -> User? {
        try await database.read { db in try await UserRepository.find(id: id, on: db) }
    }

    public func credentials(email: String) async throws -> (user: User, passwordHash: String)? {
        try await database.read { db in try await UserRepository.credentials(email: email, on: db) }
    }

    public func users(clinicId: String, roles: Set<Role>? = nil) async throws -> [User] {
        try await database.read { db in try await UserRepository.list(clinicId: clinicId, roles: roles, on: db) }
    }

    // MARK: Login throttling

    /// How many recent failures count against this attempt (the worse of the account and the address).
    public func recentLoginFailures(keys: [String], policy: LoginThrottlePolicy) async throws -> Int {
        let since = policy.windowStart(now: now)
        return try await database.read { db in try await LoginFailureRepository.count(keys: keys, since: since, on: db) }
    }

    /// Records a failed attempt and its audit event together.
    public func recordLoginFailure(keys: [String], audit entry: AuditEntry, policy: LoginThrottlePolicy) async throws {
        try await database.write { db in
            try await LoginFailureRepository.prune(before: policy.windowStart(now: now), on: db)
            try await LoginFailureRepository.record(keys: keys, at: now, on: db)
            try await AuditLog.append(entry, at: now, on: db)
        }
    }

    /// A successful login clears the account's failures (not the address's) and is audited.
    public func recordLoginSuccess(accountKey: String, audit entry: AuditEntry) async throws {
        try await database.write { db in
            try await LoginFailureRepository.clear(key: accountKey, on: db)
            try await AuditLog.append(entry, at: now, on: db)
        }
    }

    // MARK: API tokens

    public func createAPIToken(
        userId: String,
        name: String,
        hash: String,
        lifetime: TimeInterval?,
        audit actor: Actor?,
        client: String?
    )
        async throws -> APIToken
    {
        let token = APIToken(
            id: UUID().uuidString.lowercased(),
            userId: userId,
            name: name,
            createdAt: now,
            expiresAt: lifetime.map { now.addingTimeInterval($0) }
        )
        try await database.write { db in
            guard let owner = try await UserRepository.find(id: userId, on: db), owner.active else { throw DomainError.notFound("user") }
            if let actor, actor.clinicId != owner.clinicId { throw DomainError.notFound("user") }
            try await APITokenRepository.insert(token, hash: hash, on: db)
            let entry =
                actor.map { AuditEntry($0, .tokenIssued, recordType: "api-token", recordId: token.id, client: client) }
                ?? AuditEntry(
                    actorId: owner.id,
                    actorRole: owner.role,
                    clinicId: owner.clinicId,
                    action: .tokenIssued,
                    recordType: "api-token",
                    recordId: token.id,
                    clientAddress: client
                )
            try await AuditLog.append(entry, at: now, on: db)
        }
        return token
    }

    /// The user a bearer token stands for, if the token is known, unrevoked and unexpired.
    /// Records when the token was last used, at most once a minute, so admins can see which device tokens are
    /// still in use without turning every API call into a write.
    public func user(forTokenHash hash: String) async throws -> User? {
        let now = self.now
        let found = try await database.read { db -> (APIToken, User)? in
            guard let token = try await APITokenRepository.find(hash: hash, on: db), token.isUsable(at: now) else { return nil }
            guard let user = try await UserRepository.find(id: token.userId, on: db), user.active else { return nil }
            return (token, user)
        }
        guard let (token, user) = found else { return nil }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await database.write { db in try await APITokenRepository.recordUse(id: token.id, at: now, on: db) }
        }
        return user
    }

    public func apiTokens(clinicId: String) async throws -> [APIToken] {
        try await database.read { db in try await APITokenRepository.list(clinicId: clinicId, on: db) }
    }

    public func revokeAPIToken(id: String, actor: Actor, client: String?) async throws {
        try await database.write { db in
            guard let token = try await APITokenRepository.find(id: id, on: db),
                let owner = try await UserRepository.find(id: token.userId, on: db), owner.clinicId == actor.clinicId
            else { throw DomainError.notFound("token") }
            try await APITokenRepository.revoke(id: id, at: now, on: db)
            try await AuditLog.append(AuditEntry(actor, .tokenRevoked, recordType: "api-token", recordId: id, client: client), at: now, on: db)
        }
    }

    // MARK: Web sessions (key/value with expiry, keys hashed by the caller)

    public func putSession(keyHash: String, json: String, expiresAt: Date?, insertOnly: Bool) async throws {
        try await database.write { db in
            // New sessions are where the table grows (every visit to the login page starts one), so expired ones
            // are cleared here.
            if insertOnly { try await WebSessionRepository.prune(now: now, on: db) }
            try await WebSessionRepository.put(keyHash: keyHash, json: json, expiresAt: expiresAt, insertOnly: insertOnly, on: db)
        }
    }

    public func session(keyHash: String) async throws -> (json: String, expiresAt: Date?)? {
        try await database.read { db in try await WebSessionRepository.get(keyHash: keyHash, now: now, on: db) }
    }

    public func removeSession(keyHash: String) async throws {
        try await database.write { db in try await WebSessionRepository.remove(keyHash: keyHash, on: db) }
    }
}
