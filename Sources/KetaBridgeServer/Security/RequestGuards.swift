import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// CSRF protection for unsafe requests authenticated by a cookie: a synchronizer token compared in constant time,
/// plus an Origin check (STYLE.md: "CSRF is in none of these packages").
enum RequestGuards {
    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// An `Origin` header, when a browser sends one, must name this server.
    static func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard origin == "http://\(host)" || origin == "https://\(host)" else {
            throw HTTPError(.forbidden, message: "cross-site request refused (Origin \(origin) does not match this server)")
        }
    }

    static func checkCSRF(submitted: String?, session: WebSession?) throws {
        guard let session, let submitted, Secrets.constantTimeEqual(submitted, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "this form has expired or did not come from KetaBridge; reload the page and try again")
        }
    }
}
