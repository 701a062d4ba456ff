/// Field-by-field validation messages, in the order the fields were checked.
public struct ValidationErrors: Error, Sendable, Equatable {
    public private(set) var fields: [(field: String, message: String)] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) { fields.append((field, message)) }
    public var isEmpty: Bool { fields.isEmpty }
    public func message(for field: String) -> String? { fields.first { $0.field == field }?.message }

    /// The first problem as a domain error (what an API or CLI reports in one line).
    public var first: DomainError {
        fields.first.map { DomainError.invalid(field: $0.field, message: $0.message) } ?? .invalid(field: "body", message: "invalid input")
    }

    public static func == (a: ValidationErrors, b: ValidationErrors) -> Bool {
        a.fields.map { "\($0.field)=\($0.message)" } == b.fields.map { "\($0.field)=\($0.message)" }
    }
}
