/// Rules a new password must meet. Hashing (bcrypt) happens in the server layer.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 72  // bcrypt ignores bytes past 72

    public static func validate(_ password: String) throws {
        guard password.count >= minimumLength else {
            throw DomainError.invalid(field: "password", message: "use at least \(minimumLength) characters")
        }
        guard password.utf8.count <= maximumLength else {
            throw DomainError.invalid(field: "password", message: "use at most \(maximumLength) bytes")
        }
    }
}
