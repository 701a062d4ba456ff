import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import Logging
import Mustache
import NIOCore
import NIOFoundationCompat

/// Renders Mustache templates loaded once at start-up (a syntax error stops start-up, not a request).
/// Templates only ever see view-model structs made for the page, never storage rows.
public struct Views: Sendable {
    let library: MustacheLibrary

    public static func load() async throws -> Views {
        let directory = resourceDirectory.appendingPathComponent("templates").path
        let library = try await MustacheLibrary(directory: directory)
        guard library.getTemplate(named: "layout") != nil else {
            throw DomainError.storage("templates are missing: looked in \(directory)")
        }
        return Views(library: library)
    }

    /// The copied `Resources` folder of this target.
    static var resourceDirectory: URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources")
    }

    static let stylesheet: String = {
        (try? String(contentsOf: resourceDirectory.appendingPathComponent("static/style.css"), encoding: .utf8)) ?? ""
    }()

    func render(_ template: String, _ model: some PageModel, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(model, withTemplate: template) else {
            return Response(
                status: .internalServerError,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "template \(template) is missing"))
            )
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    func errorPage(status: HTTPResponse.Status, message: String, context: AppRequestContext) -> Response {
        let title: String =
            switch status.code {
            case 403: "You do not have access to this page"
            case 404: "Page not found"
            case 413: "That upload is too large"
            case 429: "Too many attempts"
            case 400..<500: "That request could not be completed"
            default: "Something went wrong"
            }
        return render(
            "error",
            ErrorPage(chrome: Chrome(context, title: title), status: Int(status.code), heading: title, message: message),
            status: status
        )
    }
}

/// Every page model carries the chrome the layout needs.
protocol PageModel {
    var chrome: Chrome { get }
}

/// What the layout shows around every page: title, navigation for the role, the user, and the CSRF token.
struct Chrome {
    struct NavLink {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let signedIn: Bool
    let userName: String
    let roleTitle: String
    let csrfToken: String
    let nav: [NavLink]

    init(_ context: AppRequestContext, title: String, current: String = "") {
        self.title = title
        self.csrfToken = context.sessions.session?.csrfToken ?? ""
        guard let user = context.identity else {
            self.signedIn = false
            self.userName = ""
            self.roleTitle = ""
            self.nav = []
            return
        }
        self.signedIn = true
        self.userName = user.name
        self.roleTitle = user.role.title
        let links: [(String, String)] =
            switch user.role {
            case .admin: [("/patients", "Patients"), ("/admin/users", "Users"), ("/admin/tokens", "API tokens"), ("/admin/audit", "Audit log")]
            case .prescriber, .nurse: [("/patients", "Patients")]
            case .therapist: [("/patients", "My patients")]
            case .patient: [("/patients/\(user.patientId ?? "")", "My record")]
            }
        self.nav =
            [NavLink(href: "/", label: "Home", current: current == "/")]
            + links.map { NavLink(href: $0.0, label: $0.1, current: current == $0.0) }
    }
}

/// One `<option>` of a `<select>`.
struct SelectOption {
    let value: String
    let label: String
    var selected = false
}

struct ErrorPage: PageModel {
    let chrome: Chrome
    let status: Int
    let heading: String
    let message: String
}
