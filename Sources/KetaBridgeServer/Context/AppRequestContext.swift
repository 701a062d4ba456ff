import Foundation
import HTTPTypes
public import Hummingbird
public import HummingbirdAuth
public import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// What a web session holds: who is signed in (nil before login) and the CSRF synchronizer token of its forms.
public struct WebSession: Codable, Sendable, Equatable {
    public var userId: String?
    public var csrfToken: String

    public init(userId: String?, csrfToken: String) {
        self.userId = userId
        self.csrfToken = csrfToken
    }
}

/// The one request context of the app: identity, session, client address and the parsed form of an HTML post.
public struct AppRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: User?
    public let sessions: SessionContext<WebSession>
    /// The peer address (ids and addresses only ever go to logs and audit, never PHI).
    public let clientAddress: String?
    /// True when the identity came from an API bearer token rather than a session cookie.
    public var authenticatedByToken = false
    /// Fields of an HTML form, parsed and CSRF-checked by the router before the handler runs.
    public var form = FormFields()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessions = .init()
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are limited to 1 MiB; larger ones get 413.
    public var maxUploadSize: Int { 1 << 20 }

    public var actor: Actor? { identity.map(Actor.init) }

    public func requireActor() throws -> Actor {
        guard let actor else { throw HTTPError(.unauthorized, message: "sign in first") }
        return actor
    }
}
