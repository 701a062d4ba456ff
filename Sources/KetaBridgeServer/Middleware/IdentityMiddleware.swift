import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// Establishes who is calling: an API bearer token (stored as its SHA-256) or the signed-in user of the session.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: KetaBridgeStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "use Authorization: Bearer <token>")
            }
            let secret = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard let user = try await store.user(forTokenHash: Digest.sha256Hex(secret)) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the token is unknown, expired or revoked")
            }
            context.identity = user
            context.authenticatedByToken = true
        } else if let userId = context.sessions.session?.userId, let user = try await store.user(id: userId), user.active {
            context.identity = user
        }
        if let user = context.identity {
            context.logger[metadataKey: "user.id"] = .string(user.id)
        }
        return try await next(request, context)
    }
}
