import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// Turns every error into a clear response: JSON `{"error": {"code", "message"}}` under `/api`, an error page
/// elsewhere. Domain errors become 4xx; anything unexpected is logged (ids only) and becomes a plain 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    struct Failure {
        let status: HTTPResponse.Status
        let code: String
        let message: String
        var field: String?
        var headers: HTTPFields = [:]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.classify(error)
            if failure.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["error": .string(String(reflecting: type(of: error))), "path": .string(request.uri.path)]
                )
            }
            if request.uri.path.hasPrefix("/api/") {
                var body: [String: String] = ["code": failure.code, "message": failure.message]
                body["field"] = failure.field
                var response = try JSONOutput.response(["error": body], status: failure.status)
                response.headers.append(contentsOf: failure.headers)
                return response
            }
            var response = views.errorPage(status: failure.status, message: failure.message, context: context)
            response.headers.append(contentsOf: failure.headers)
            return response
        }
    }

    static func classify(_ error: any Error) -> Failure {
        switch error {
        case let error as DomainError:
            switch error {
            case .invalid(let field, let message):
                return Failure(status: .badRequest, code: "invalid", message: "\(field): \(message)", field: field)
            case .notFound(let what): return Failure(status: .notFound, code: "not-found", message: "\(what) not found")
            case .duplicate(let field):
                return Failure(status: .conflict, code: "duplicate", message: "\(field) is already in use", field: field)
            case .forbidden(let message): return Failure(status: .forbidden, code: "forbidden", message: message)
            case .conflict(let message): return Failure(status: .conflict, code: "conflict", message: message)
            case .schemaBehind, .storage: return Failure(status: .internalServerError, code: "internal", message: "something went wrong on our side")
            }
        case let error as ValidationErrors:
            return classify(error.first)
        case let error as HTTPError:
            return Failure(
                status: error.status,
                code: code(for: error.status),
                message: error.body ?? error.status.reasonPhrase,
                headers: error.headers
            )
        case let error as any HTTPResponseError:
            return Failure(status: error.status, code: code(for: error.status), message: error.status.reasonPhrase)
        default:
            return Failure(status: .internalServerError, code: "internal", message: "something went wrong on our side")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "invalid"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 409: "conflict"
        case 413: "too-large"
        case 429: "too-many-requests"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
