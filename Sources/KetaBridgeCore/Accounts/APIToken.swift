public import Foundation

/// A bearer token for programs and devices. Only the SHA-256 of the secret is stored.
public struct APIToken: Sendable, Equatable, Codable {
    public var id: String
    public var userId: String
    public var name: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: String, userId: String, name: String, createdAt: Date, expiresAt: Date?, revokedAt: Date? = nil, lastUsedAt: Date? = nil) {
        self.id = id
        self.userId = userId
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}
