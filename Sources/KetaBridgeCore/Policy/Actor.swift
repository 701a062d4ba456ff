/// Who is making a request: a signed-in user (through a session or an API token).
public struct Actor: Sendable, Equatable {
    public let userId: String
    public let clinicId: String
    public let role: Role
    public let name: String
    /// For patients: their own patient record.
    public let patientId: String?

    public init(userId: String, clinicId: String, role: Role, name: String, patientId: String? = nil) {
        self.userId = userId
        self.clinicId = clinicId
        self.role = role
        self.name = name
        self.patientId = patientId
    }

    public init(_ user: User) {
        self.init(userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId: user.patientId)
    }
}
