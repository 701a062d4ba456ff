/// The five kinds of people who use KetaBridge (DESIGN.md §2).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case prescriber
    case nurse
    case therapist
    case patient

    /// Roles that work for the clinic (everyone but patients).
    public static let staff: Set<Role> = [.admin, .prescriber, .nurse, .therapist]
    /// Roles that give care and so may be placed on a patient's care team.
    public static let clinicians: Set<Role> = [.prescriber, .nurse, .therapist]

    public var title: String {
        switch self {
        case .admin: "Admin"
        case .prescriber: "Prescriber"
        case .nurse: "Nurse"
        case .therapist: "Therapist"
        case .patient: "Patient"
        }
    }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a role name, failing with a message that lists the valid ones.
    public static func parse(_ text: String, field: String = "role") throws -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw DomainError.invalid(
                field: field,
                message: "unknown role '\(text)'; expected one of \(allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return role
    }
}
