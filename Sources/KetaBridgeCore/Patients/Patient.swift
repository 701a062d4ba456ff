public import Foundation

/// Sex recorded for dosing formulas (ideal body weight) and reference ranges.
public enum Sex: String, Sendable, Codable, CaseIterable {
    case female
    case male
    case other
    case unknown

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A patient of one clinic: demographics only. Clinical records hang off the patient id.
public struct Patient: Sendable, Equatable, Codable {
    public var id: String
    public var clinicId: String
    /// Medical record number, unique within the clinic.
    public var mrn: String
    public var givenName: String
    public var familyName: String
    public var dateOfBirth: CalendarDate
    public var sex: Sex
    public var email: String?
    public var phone: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(),
        clinicId: String,
        details: PatientDetails,
        createdAt: Date
    ) {
        self.id = id
        self.clinicId = clinicId
        self.mrn = details.mrn
        self.givenName = details.givenName
        self.familyName = details.familyName
        self.dateOfBirth = details.dateOfBirth
        self.sex = details.sex
        self.email = details.email
        self.phone = details.phone
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    public var displayName: String { "\(familyName), \(givenName)" }

    public func age(on day: CalendarDate) -> Int { dateOfBirth.years(until: day) }

    /// The editable part, as it is now.
    public var details: PatientDetails {
        PatientDetails(validated: mrn, givenName, familyName, dateOfBirth, sex, email, phone)
    }

    public mutating func apply(_ details: PatientDetails, at now: Date) {
        mrn = details.mrn
        givenName = details.givenName
        familyName = details.familyName
        dateOfBirth = details.dateOfBirth
        sex = details.sex
        email = details.email
        phone = details.phone
        updatedAt = now
    }
}
