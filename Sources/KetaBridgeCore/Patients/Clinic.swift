public import Foundation

/// A clinic. Every patient and every user belongs to exactly one.
public struct Clinic: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// IANA zone used to show instants (stored in UTC) to people.
    public var timeZone: String
    public var createdAt: Date

    public init(id: String = UUID().uuidString.lowercased(), name: String, timeZone: String = "UTC", createdAt: Date) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.createdAt = createdAt
    }
}
