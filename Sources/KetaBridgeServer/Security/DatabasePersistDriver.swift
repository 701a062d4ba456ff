import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// Sessions in the database, shared by every app instance and surviving restarts. Keys are stored as SHA-256
/// hashes, so reading the table does not yield a usable session cookie.
struct DatabasePersistDriver: PersistDriver {
    let store: KetaBridgeStore

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.putSession(keyHash: Digest.sha256Hex(key), json: try encode(value), expiresAt: expiry(expires), insertOnly: true)
        } catch let error as DomainError {
            if case .duplicate = error { throw PersistError.duplicate }
            throw error
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.putSession(keyHash: Digest.sha256Hex(key), json: try encode(value), expiresAt: expiry(expires), insertOnly: false)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let found = try await store.session(keyHash: Digest.sha256Hex(key)) else { return nil }
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(found.json.utf8)) else {
            throw PersistError.invalidConversion
        }
        let ttl = found.expiresAt.map { Duration.seconds(max(0, $0.timeIntervalSince(store.clock.now))) }
        return (object, ttl)
    }

    func remove(key: String) async throws {
        try await store.removeSession(keyHash: Digest.sha256Hex(key))
    }

    private func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private func expiry(_ expires: Duration?) -> Date? {
        expires.map { store.clock.now.addingTimeInterval(TimeInterval($0.components.seconds)) }
    }
}
