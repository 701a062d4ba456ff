import Foundation

/// A clinician's place on one patient's care team.
public struct CareTeamMember: Sendable, Equatable, Codable {
    public var patientId: String
    public var userId: String
    /// The role they hold for this patient (prescriber, nurse or therapist).
    public var role: Role

    public init(patientId: String, userId: String, role: Role) {
        self.patientId = patientId
        self.userId = userId
        self.role = role
    }
}

/// Patient search: one box that matches a name, an MRN or a date of birth.
public struct PatientQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case all
        case dateOfBirth(CalendarDate)
        /// Matches MRN exactly or names by prefix, case-insensitively.
        case text(String)
    }

    public let term: Term
    /// Therapists search only their assigned patients.
    public let assignedTo: String?

    public init(_ text: String?, assignedTo: String? = nil) {
        let t = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty {
            term = .all
        } else if let date = CalendarDate(t) {
            term = .dateOfBirth(date)
        } else {
            term = .text(String(t.prefix(100)).lowercased())
        }
        self.assignedTo = assignedTo
    }
}
