/// Errors the domain and storage layers raise; the HTTP and CLI layers map them to status codes and exit codes.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is not acceptable; `field` names what to fix.
    case invalid(field: String, message: String)
    /// The record does not exist, or the caller may not know that it exists.
    case notFound(String)
    /// A unique value (e-mail, MRN…) is already taken.
    case duplicate(field: String)
    /// The caller is signed in but their role may not do this.
    case forbidden(String)
    /// The request conflicts with the current state (e.g. a signed record).
    case conflict(String)
    /// The database schema is older than this build; run `ketabridge migrate`.
    case schemaBehind(pending: [String])
    /// Storage failed for a reason the caller cannot fix.
    case storage(String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .notFound(let what): "\(what) not found"
        case .duplicate(let field): "\(field) is already in use"
        case .forbidden(let message): message
        case .conflict(let message): message
        case .schemaBehind(let pending):
            "the database schema is behind this build (\(pending.count) pending migration(s): \(pending.joined(separator: ", "))); run `ketabridge migrate`"
        case .storage(let message): "storage error: \(message)"
        }
    }
}
