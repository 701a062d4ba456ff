/// The authorisation rule of one route. Every route has exactly one (a test enumerates them), so the
/// question "who may do this?" is answered in one place for the whole application.
public struct AccessRule: Sendable, Equatable, CustomStringConvertible {
    /// `nil` means anyone, signed in or not (login page, health check).
    public let roles: Set<Role>?
    /// The route names a patient (`:patientID`): the actor must also pass `PatientAccess`.
    public let patientScoped: Bool

    public static let anyone = AccessRule(roles: nil, patientScoped: false)

    public static func signedIn(_ roles: Set<Role> = Set(Role.allCases)) -> AccessRule {
        AccessRule(roles: roles, patientScoped: false)
    }

    public static func patientRecord(_ roles: Set<Role>) -> AccessRule {
        AccessRule(roles: roles, patientScoped: true)
    }

    public static let staff = signedIn(Role.staff)
    public static let admin = signedIn([.admin])

    public enum Decision: Sendable, Equatable {
        case allowed
        /// No identity: 401 (API) or a redirect to the login page (HTML).
        case unauthenticated
        /// Signed in with a role that may not use the route: 403.
        case forbidden
    }

    public func decide(_ actor: Actor?) -> Decision {
        guard let roles else { return .allowed }
        guard let actor else { return .unauthenticated }
        return roles.contains(actor.role) ? .allowed : .forbidden
    }

    public var description: String {
        guard let roles else { return "anyone" }
        let names = roles.sorted().map(\.rawValue).joined(separator: ",")
        return patientScoped ? "patient-record(\(names))" : "signed-in(\(names))"
    }
}

/// Who may see one patient's records (DESIGN.md §2): staff of the patient's clinic; therapists only when on the
/// patient's care team; patients only themselves. A refusal is reported as "not found", never as "forbidden", so a
/// record's existence is not revealed.
public enum PatientAccess {
    public static func allows(_ actor: Actor, patientId: String, patientClinicId: String, careTeamUserIds: Set<String>) -> Bool {
        switch actor.role {
        case .patient:
            return actor.patientId == patientId
        case .therapist:
            return actor.clinicId == patientClinicId && careTeamUserIds.contains(actor.userId)
        case .admin, .prescriber, .nurse:
            return actor.clinicId == patientClinicId
        }
    }

    /// Therapists' patient lists are limited to their caseload.
    public static func listScope(for actor: Actor) -> String? {
        actor.role == .therapist ? actor.userId : nil
    }
}
