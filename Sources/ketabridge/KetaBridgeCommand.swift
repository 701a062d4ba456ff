import ArgumentParser
import Foundation
import KetaBridgeCore

@main
struct KetaBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ketabridge",
        abstract: "KetaBridge: a clinical platform for ketamine-assisted therapy clinics.",
        discussion: """
            Start with `ketabridge serve --demo` for a demo clinic on SQLite, then open http://127.0.0.1:8080.
            Every command takes --database (or KETABRIDGE_DATABASE): sqlite:PATH or postgres://user:pass@host:port/db.
            """,
        version: KetaBridgeVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, UserCommand.self, DemoCommand.self, AuditCommand.self]
    )

}
