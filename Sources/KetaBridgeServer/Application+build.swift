import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
public import KetaBridgeStorage
public import Logging
import NIOCore
import NIOFoundationCompat
public import Prometheus
import ServiceLifecycle

/// Everything a running app is made of, built in one place (the composition root), for `serve` and for tests.
public struct AppParts {
    public let router: Router<AppRequestContext>
    public let catalog: RouteCatalog
}

/// Builds the router: middleware, then every controller's routes through `SecureRoutes`.
public func buildRouter(
    store: KetaBridgeStore,
    configuration: AppConfiguration,
    views: Views,
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> AppParts {
    let router = Router(context: AppRequestContext.self)
    let catalog = RouteCatalog()
    let sessionStorage = SessionStorage<WebSession>(
        DatabasePersistDriver(store: store),
        configuration: .init(
            sessionCookieParameters: .init(name: "kb_session", path: "/", secure: configuration.secureCookies, sameSite: .lax),
            keyPrefix: "kb."
        )
    )
    router.addMiddleware {
        AccessLogMiddleware()
        MetricsMiddleware()
        SecurityHeadersMiddleware()
        ErrorMiddleware(views: views)
        SessionMiddleware(sessionStorage: sessionStorage, defaultSessionExpiration: configuration.sessionLifetime)
        IdentityMiddleware(store: store)
    }
    let routes = SecureRoutes(router: router, catalog: catalog)
    let hasher = PasswordHasher(cost: configuration.bcryptCost)
    AuthController(store: store, views: views, hasher: hasher, configuration: configuration, sessionStorage: sessionStorage).addRoutes(to: routes)
    PatientPages(store: store, views: views).addRoutes(to: routes)
    PatientAPI(store: store).addRoutes(to: routes)
    AdminController(store: store, views: views, hasher: hasher).addRoutes(to: routes)
    OperationsController(store: store, registry: registry, catalog: catalog).addRoutes(to: routes)
    return AppParts(router: router, catalog: catalog)
}

/// Builds the application. A database that needs a background task (the PostgreSQL pool) runs as one of the
/// application's services: started before the HTTP server and stopped after it. `beforeServerStarts` runs once
/// that service is up and before the server listens (migrations, demo data).
public func buildApplication(
    store: KetaBridgeStore,
    configuration: AppConfiguration,
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger,
    beforeServerStarts: @escaping @Sendable () async throws -> Void = {}
) async throws -> some ApplicationProtocol {
    let views = try await Views.load()
    let parts = buildRouter(store: store, configuration: configuration, views: views, registry: registry)
    var app = Application(
        router: parts.router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "KetaBridge"),
        logger: logger
    )
    if let service = store.database as? any Service {
        app.addServices(service)
    }
    app.beforeServerStarts(perform: beforeServerStarts)
    return app
}
