import ArgumentParser
import Foundation
import KetaBridgeCore
import KetaBridgeServer
import KetaBridgeStorage
import Logging

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from standard input (at least 12 characters).",
            discussion: "Example: printf '%s' 'a long passphrase' | ketabridge user create --role nurse --email n@clinic.org --name 'Sam Lee'"
        )

        @Option(help: "admin, prescriber, nurse, therapist or patient.") var role: String
        @Option(help: "Sign-in e-mail address (unique).") var email: String
        @Option(help: "Full name as staff see it.") var name: String
        @Option(help: "Clinic name; may be left out when the database has exactly one clinic. Created if --create-clinic is given.")
        var clinic: String?
        @Flag(help: "Create the clinic named by --clinic when it does not exist.") var createClinic = false
        @Option(help: "For --role patient: the patient record id this login belongs to.") var patientId: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await reporting {
                let request = try UserAccounts.Request(
                    email: email,
                    name: name,
                    role: role,
                    password: readLine(strippingNewline: true) ?? "",
                    patientId: patientId
                )
                let url = try db.url()
                try await Databases.withDatabase(url, logger: makeLogger(level: .warning)) { database in
                    try await Migrator().prepare(database)
                    let store = KetaBridgeStore(database: database)
                    let clinic = try await chooseClinic(store)
                    let user = try await UserAccounts(store: store, hasher: PasswordHasher(cost: 12)).create(request, clinicId: clinic.id)
                    say("created \(user.role.rawValue) \(user.email) (id \(user.id)) in \(clinic.name)")
                }
            }
        }

        func chooseClinic(_ store: KetaBridgeStore) async throws -> Clinic {
            if let clinic {
                if let found = try await store.clinic(named: clinic) { return found }
                guard createClinic else { throw CLIError.badInput("--clinic: no clinic named '\(clinic)' (add --create-clinic to create it)") }
                return try await store.createClinic(name: clinic)
            }
            let all = try await store.clinics()
            guard all.count == 1, let only = all.first else {
                throw CLIError.badInput(
                    all.isEmpty
                        ? "--clinic: the database has no clinic yet; pass --clinic NAME --create-clinic"
                        : "--clinic: choose one of \(all.map(\.name).joined(separator: ", "))"
                )
            }
            return only
        }
    }
}
