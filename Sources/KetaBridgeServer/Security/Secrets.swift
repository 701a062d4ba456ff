import Foundation
import HTTPTypes
import HummingbirdAuth
import HummingbirdBcrypt
import Logging
import NIOCore
import NIOFoundationCompat
import NIOPosix

/// Random secrets and constant-time comparison (digests: `Digest` in storage): the small set of primitives the auth code needs.
enum Secrets {
    /// 256 random bits as URL-safe text.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// bcrypt on NIO's thread pool, never on the cooperative pool (STYLE.md).
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A valid hash of nothing anyone knows, checked when an account does not exist so that timing does not tell.
    static let decoyHash = Bcrypt.hash("decoy-password-never-used", cost: 4)
}
