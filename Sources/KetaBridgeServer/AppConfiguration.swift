public import Foundation
import HTTPTypes
import HummingbirdAuth
public import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// Settings of one app instance. Every instance keeps its state in the database, so several can share one.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`: set when serving over TLS or behind a TLS-terminating proxy.
    public var secureCookies: Bool
    /// bcrypt cost for new password hashes (12 in production; tests lower it to stay fast).
    public var bcryptCost: UInt8
    public var loginThrottle: LoginThrottlePolicy
    public var sessionLifetime: Duration
    /// Lifetime of tokens issued by `POST /api/v1/auth/token`.
    public var apiTokenLifetime: TimeInterval

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        secureCookies: Bool = false,
        bcryptCost: UInt8 = 12,
        loginThrottle: LoginThrottlePolicy = LoginThrottlePolicy(),
        sessionLifetime: Duration = .seconds(12 * 3600),
        apiTokenLifetime: TimeInterval = 12 * 3600
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.loginThrottle = loginThrottle
        self.sessionLifetime = sessionLifetime
        self.apiTokenLifetime = apiTokenLifetime
    }
}
