import ArgumentParser
import Foundation
import Hummingbird
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server (HTML at /, JSON API at /api/v1).",
        discussion: """
            On SQLite the database file is created and migrated automatically. On PostgreSQL the server refuses to
            start when the schema is behind: run `ketabridge migrate` first. Several instances may share one
            PostgreSQL database; they keep no state of their own.
            """
    )

    @Option(help: "Address to listen on (KETABRIDGE_HOST).") var host: String?
    @Option(help: "Port to listen on (KETABRIDGE_PORT).") var port: Int?
    @OptionGroup var db: DatabaseOptions
    @Flag(help: "Create the demo clinic (once) and print its logins.") var demo = false
    @Flag(help: "Cookies are marked Secure: use when serving over TLS or behind a TLS-terminating proxy.") var secureCookies = false
    @Option(help: "Failed sign-ins allowed per account and per address within the window before HTTP 429.") var loginMaxFailures = 5
    @Option(help: "Length of the sign-in throttling window, in minutes.") var loginWindowMinutes = 15
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        try await reporting {
            let environment = ProcessInfo.processInfo.environment
            let url = try db.url()
            guard let level = Logger.Level(rawValue: logLevel) else { throw CLIError.badInput("--log-level: unknown level '\(logLevel)'") }
            guard loginMaxFailures >= 1, loginWindowMinutes >= 1 else {
                throw CLIError.badInput("--login-max-failures and --login-window-minutes must be at least 1")
            }
            let logger = makeLogger(level: level)
            let configuration = AppConfiguration(
                host: host ?? environment["KETABRIDGE_HOST"] ?? "127.0.0.1",
                port: port ?? environment["KETABRIDGE_PORT"].flatMap(Int.init) ?? 8080,
                secureCookies: secureCookies || environment["KETABRIDGE_SECURE_COOKIES"] == "1",
                loginThrottle: LoginThrottlePolicy(maxFailures: loginMaxFailures, window: TimeInterval(loginWindowMinutes * 60))
            )
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

            let database = try await Databases.open(url, logger: logger)
            let store = KetaBridgeStore(database: database)
            let app = try await buildApplication(store: store, configuration: configuration, registry: registry, logger: logger) {
                let applied = try await Migrator().prepare(database)
                if !applied.isEmpty { logger.info("migrated", metadata: ["migrations": .string(applied.joined(separator: ","))]) }
                if demo {
                    try await DemoCommand.seedAndPrint(store: store, patients: DemoClinic.defaultPatientCount, seed: DemoClinic.defaultSeed)
                }
                say("KetaBridge \(KetaBridgeVersion.current) on \(url) — http://\(configuration.host):\(configuration.port)")
            }
            do {
                try await app.runService()
                try await database.shutdown()
            } catch {
                try? await database.shutdown()
                throw error
            }
        }
    }
}
