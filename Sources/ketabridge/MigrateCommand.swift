import ArgumentParser
import KetaBridgeStorage

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (safe to run again; instances may keep serving)."
    )

    @OptionGroup var db: DatabaseOptions
    @Flag(help: "Only list pending migrations; change nothing.") var dryRun = false

    func run() async throws {
        try await reporting {
            let url = try db.url()
            try await Databases.withDatabase(url, logger: makeLogger()) { database in
                let migrator = Migrator()
                if dryRun {
                    let pending = try await migrator.pending(database)
                    say(pending.isEmpty ? "schema is current" : "pending: " + pending.joined(separator: ", "))
                    return
                }
                let applied = try await migrator.migrate(database)
                say(applied.isEmpty ? "schema is current (\(migrator.migrations.count) migrations)" : "applied: " + applied.joined(separator: ", "))
            }
        }
    }
}
