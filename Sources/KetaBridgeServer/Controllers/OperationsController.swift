import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat
import Prometheus

/// `/health`, `/metrics`, `/openapi.json` and the stylesheet.
struct OperationsController {
    let store: KetaBridgeStore
    let registry: PrometheusCollectorRegistry
    let catalog: RouteCatalog

    func addRoutes(to routes: SecureRoutes) {
        routes.html(.get, "/health", .anyone, "Liveness and database check") { _, _ in
            do {
                try await store.ping()
                return try JSONOutput.response(["status": "ok", "database": store.engine.rawValue, "version": KetaBridgeVersion.current])
            } catch {
                return try JSONOutput.response(
                    ["status": "unavailable", "database": store.engine.rawValue, "version": KetaBridgeVersion.current],
                    status: .serviceUnavailable
                )
            }
        }
        routes.html(.get, "/metrics", .anyone, "Prometheus metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        routes.html(.get, "/openapi.json", .anyone, "OpenAPI 3.1 description of /api/v1") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(data: try catalog.openAPIDocument()))
            )
        }
        routes.html(.get, "/static/style.css", .anyone, "Stylesheet") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Views.stylesheet))
            )
        }
    }
}
