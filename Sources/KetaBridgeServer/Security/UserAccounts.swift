public import KetaBridgeCore
public import KetaBridgeStorage

/// Creating a user, the same way from the admin page and from `ketabridge user create`: the input is validated
/// first (so bad input changes nothing), then the password is hashed with bcrypt and the user stored.
public struct UserAccounts: Sendable {
    /// A checked request: the user's details and a password that meets `PasswordPolicy`.
    public struct Request: Sendable {
        let user: NewUser
        let password: String

        public init(email: String, name: String, role: String, password: String, patientId: String?) throws {
            self.user = try NewUser(email: email, name: name, role: try Role.parse(role), patientId: patientId)
            try PasswordPolicy.validate(password)
            self.password = password
        }
    }

    let store: KetaBridgeStore
    let hasher: PasswordHasher

    public init(store: KetaBridgeStore, hasher: PasswordHasher) {
        self.store = store
        self.hasher = hasher
    }

    public func create(_ request: Request, clinicId: String) async throws -> User {
        try await store.createUser(request.user, clinicId: clinicId, passwordHash: try await hasher.hash(request.password))
    }
}
