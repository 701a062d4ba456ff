import ArgumentParser
import Foundation
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the demo clinic with synthetic patients (once; a second run changes nothing) and print its logins."
    )

    @Option(help: "How many synthetic patients to create.") var patients = DemoClinic.defaultPatientCount
    @Option(help: "Seed for the generator: the same seed gives the same clinic.") var seed: UInt64 = DemoClinic.defaultSeed
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await reporting {
            guard (1...1_000_000).contains(patients) else { throw CLIError.badInput("--patients: choose 1 to 1000000") }
            let url = try db.url()
            try await Databases.withDatabase(url, logger: makeLogger(level: .warning)) { database in
                try await Migrator().prepare(database)
                try await Self.seedAndPrint(store: KetaBridgeStore(database: database), patients: patients, seed: seed)
            }
        }
    }

    static func seedAndPrint(store: KetaBridgeStore, patients: Int, seed: UInt64) async throws {
        let demo = DemoClinic(patientCount: patients, seed: seed, now: store.clock.now)
        let hash = try await PasswordHasher(cost: 10).hash(DemoClinic.password)
        switch try await DemoSeeder.seed(store, demo: demo, passwordHash: hash) {
        case .created(let count): say("Created \(DemoClinic.clinicName) with \(count) synthetic patients.")
        case .alreadyPresent: say("\(DemoClinic.clinicName) is already present; nothing changed.")
        }
        say("Demo logins (password \(DemoClinic.password)):")
        for login in DemoClinic.logins {
            say("  \(login.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(login.email)")
        }
    }
}
