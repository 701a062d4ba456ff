import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdAuth
public import KetaBridgeCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOFoundationCompat

/// Which face of the app a route belongs to: it decides how refusals and errors look.
public enum Surface: String, Sendable {
    case html
    case api
}

/// One registered route with its access rule and the facts the OpenAPI document is made from.
public struct Endpoint: Sendable {
    public let method: HTTPRequest.Method
    /// As registered, with `:name` parameters.
    public let path: String
    public let surface: Surface
    public let rule: AccessRule
    public let summary: String
    /// OpenAPI component names of the JSON request and response bodies (API routes).
    public let requestSchema: String?
    public let responseSchema: String?
    public let successStatus: Int
}

/// Every route the app registered through `SecureRoutes`. Tests compare it with the router's own list, so a route
/// added without a policy fails the build's tests.
public final class RouteCatalog: Sendable {
    private let box = NIOLockedValueBox<[Endpoint]>([])
    private let openAPI = NIOLockedValueBox<Data?>(nil)

    public init() {}

    public var endpoints: [Endpoint] { box.withLockedValue { $0 } }

    func add(_ endpoint: Endpoint) {
        precondition(openAPI.withLockedValue { $0 == nil }, "routes are added while the app is built, before it serves")
        box.withLockedValue { $0.append(endpoint) }
    }

    /// The OpenAPI document, made on first use (the table is complete by then) and served from memory after.
    func openAPIDocument() throws -> Data {
        try openAPI.withLockedValue { cached in
            if let cached { return cached }
            let document = try OpenAPIDocument.json(endpoints)
            cached = document
            return document
        }
    }
}

/// The only way routes are added: each one states its `AccessRule`, which is enforced here, in one place,
/// before the handler runs. Unsafe HTML requests also have their form parsed and their CSRF token checked here.
struct SecureRoutes {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
    let router: Router<AppRequestContext>
    let catalog: RouteCatalog

    func html(_ method: HTTPRequest.Method, _ path: String, _ rule: AccessRule, _ summary: String, _ handler: @escaping Handler) {
        add(
            Endpoint(
                method: method,
                path: path,
                surface: .html,
                rule: rule,
                summary: summary,
                requestSchema: nil,
                responseSchema: nil,
                successStatus: 200
            ),
            handler
        )
    }

    func api(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ rule: AccessRule,
        _ summary: String,
        request: String? = nil,
        response: String? = nil,
        status: Int = 200,
        _ handler: @escaping Handler
    ) {
        add(
            Endpoint(
                method: method,
                path: path,
                surface: .api,
                rule: rule,
                summary: summary,
                requestSchema: request,
                responseSchema: response,
                successStatus: status
            ),
            handler
        )
    }

    private func add(_ endpoint: Endpoint, _ handler: @escaping Handler) {
        catalog.add(endpoint)
        router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
            var context = context
            switch endpoint.rule.decide(context.actor) {
            case .allowed:
                break
            case .unauthenticated:
                if endpoint.surface == .html { return Self.redirectToLogin(from: request) }
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "sign in or send a bearer token")
            case .forbidden:
                throw HTTPError(.forbidden, message: "a \(context.identity?.role.rawValue ?? "") may not do this")
            }
            if RequestGuards.isUnsafe(request.method) {
                switch endpoint.surface {
                case .html:
                    try RequestGuards.checkOrigin(request)
                    let body = try await request.body.collect(upTo: context.maxUploadSize)
                    context.form = try FormFields(urlEncoded: String(buffer: body))
                    try RequestGuards.checkCSRF(submitted: context.form["_csrf"], session: context.sessions.session)
                case .api where context.identity != nil && !context.authenticatedByToken:
                    // A browser calling the API with its session cookie must prove the call came from our pages.
                    try RequestGuards.checkOrigin(request)
                    try RequestGuards.checkCSRF(submitted: request.headers[.csrfToken], session: context.sessions.session)
                case .api:
                    break
                }
            }
            return try await handler(request, context)
        }
    }

    static func redirectToLogin(from request: Request) -> Response {
        let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "/"
        return .redirect(to: "/login?next=\(next)", type: .normal)
    }
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
}
