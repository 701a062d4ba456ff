import Foundation

/// Validated demographics for creating or editing a patient. Construction is the only way in, so a
/// `PatientDetails` value is always acceptable to store.
public struct PatientDetails: Sendable, Equatable {
    public let mrn: String
    public let givenName: String
    public let familyName: String
    public let dateOfBirth: CalendarDate
    public let sex: Sex
    public let email: String?
    public let phone: String?

    /// Raw input as it arrives from a form or JSON body.
    public struct Input: Sendable, Codable, Equatable {
        public var mrn: String?
        public var givenName: String?
        public var familyName: String?
        public var dateOfBirth: String?
        public var sex: String?
        public var email: String?
        public var phone: String?

        public init(
            mrn: String? = nil,
            givenName: String? = nil,
            familyName: String? = nil,
            dateOfBirth: String? = nil,
            sex: String? = nil,
            email: String? = nil,
            phone: String? = nil
        ) {
            self.mrn = mrn
            self.givenName = givenName
            self.familyName = familyName
            self.dateOfBirth = dateOfBirth
            self.sex = sex
            self.email = email
            self.phone = phone
        }
    }

    /// Checks every field and reports all problems at once (field → message), so a form can show them inline.
    public static func validate(_ input: Input, today: CalendarDate) -> Result<PatientDetails, ValidationErrors> {
        var errors = ValidationErrors()
        let mrn = input.mrn.trimmed
        if mrn.isEmpty || mrn.count > 32 || !mrn.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            errors.add("mrn", "enter the medical record number: 1 to 32 letters, digits or dashes")
        }
        let given = input.givenName.trimmed
        if given.isEmpty || given.count > 100 { errors.add("givenName", "enter a given name of 1 to 100 characters") }
        let family = input.familyName.trimmed
        if family.isEmpty || family.count > 100 { errors.add("familyName", "enter a family name of 1 to 100 characters") }
        let dob = CalendarDate(input.dateOfBirth.trimmed)
        if let dob {
            if dob > today {
                errors.add("dateOfBirth", "the date of birth cannot be in the future")
            } else if dob.years(until: today) > 120 {
                errors.add("dateOfBirth", "the age must be 120 years or less")
            }
        } else {
            errors.add("dateOfBirth", "enter the date of birth as YYYY-MM-DD")
        }
        let sexText = input.sex.trimmed.lowercased()
        let sex = sexText.isEmpty ? Sex.unknown : Sex(rawValue: sexText)
        if sex == nil { errors.add("sex", "choose one of \(Sex.allCases.map(\.rawValue).joined(separator: ", "))") }
        let email = input.email.trimmed.lowercased()
        if !email.isEmpty, !EmailAddress.isPlausible(email) { errors.add("email", "enter an e-mail address like name@example.org") }
        let phone = input.phone.trimmed
        if phone.count > 32 || !phone.allSatisfy({ $0.isNumber || " +-().".contains($0) }) {
            errors.add("phone", "enter a phone number of up to 32 digits, spaces, +, -, ( or )")
        }
        guard errors.isEmpty, let dob, let sex else { return .failure(errors) }
        return .success(PatientDetails(validated: mrn, given, family, dob, sex, email.isEmpty ? nil : email, phone.isEmpty ? nil : phone))
    }

    /// For values read back from storage, which were validated when they were written.
    public init(validated mrn: String, _ given: String, _ family: String, _ dob: CalendarDate, _ sex: Sex, _ email: String?, _ phone: String?) {
        self.mrn = mrn
        self.givenName = given
        self.familyName = family
        self.dateOfBirth = dob
        self.sex = sex
        self.email = email
        self.phone = phone
    }

    /// The input that would reproduce these details (to pre-fill an edit form).
    public var input: Input {
        Input(
            mrn: mrn,
            givenName: givenName,
            familyName: familyName,
            dateOfBirth: dateOfBirth.description,
            sex: sex.rawValue,
            email: email,
            phone: phone
        )
    }
}

extension Optional where Wrapped == String {
    var trimmed: String { (self ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
