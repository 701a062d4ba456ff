public import Foundation

/// A person who signs in. Patients who use the portal are users linked to their patient record.
public struct User: Sendable, Equatable, Codable {
    public var id: String
    public var clinicId: String
    public var email: String
    public var name: String
    public var role: Role
    /// Set for role `.patient`: the patient record this login belongs to.
    public var patientId: String?
    public var active: Bool
    public var createdAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(),
        clinicId: String,
        email: String,
        name: String,
        role: Role,
        patientId: String? = nil,
        active: Bool = true,
        createdAt: Date
    ) {
        self.id = id
        self.clinicId = clinicId
        self.email = email
        self.name = name
        self.role = role
        self.patientId = patientId
        self.active = active
        self.createdAt = createdAt
    }
}

/// What an admin (or the CLI) supplies to create a user, checked before anything is stored.
public struct NewUser: Sendable {
    public let email: String
    public let name: String
    public let role: Role
    public let patientId: String?

    public init(email: String, name: String, role: Role, patientId: String? = nil) throws {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard EmailAddress.isPlausible(email) else {
            throw DomainError.invalid(field: "email", message: "enter an e-mail address like name@clinic.org")
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else {
            throw DomainError.invalid(field: "name", message: "enter a name of 1 to 120 characters")
        }
        if role == .patient, patientId == nil {
            throw DomainError.invalid(field: "patientId", message: "a patient login must be linked to a patient record")
        }
        self.email = email
        self.name = name
        self.role = role
        self.patientId = role == .patient ? patientId : nil
    }
}

public enum EmailAddress {
    /// A deliberately loose check: one `@`, something on both sides, a dot in the domain, no spaces.
    public static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            text.count <= 254, !text.contains(where: \.isWhitespace)
        else { return false }
        return true
    }
}
