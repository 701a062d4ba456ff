import ArgumentParser
import Foundation
import KetaBridgeCore
import KetaBridgeStorage
import Logging

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the tamper-evident audit chain.",
        subcommands: [Verify.self, Anchor.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-walk the audit hash chain. Exit 0 when intact; exit 1 naming the first broken row.",
            discussion: "Deleting rows from the end is only detectable against an anchor printed earlier: pass it with --anchor SEQ:HASH."
        )

        @Option(help: "An anchor printed earlier by `ketabridge audit anchor` (SEQ:HASH); the row must still carry that hash.")
        var anchor: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            var broken: String?
            try await reporting {
                let expected = try anchor.map(Self.parseAnchor)
                let url = try db.url()
                broken = try await Databases.withDatabase(url, logger: makeLogger(level: .warning)) { database -> String? in
                    let store = KetaBridgeStore(database: database)
                    switch try await store.verifyAudit() {
                    case .broken(let seq, let reason):
                        return "audit chain broken at row \(seq): \(reason)"
                    case .intact(let rows, let head):
                        if let expected {
                            let row = try await store.auditRow(seq: expected.seq)
                            guard row?.hash == expected.hash else {
                                return "audit chain broken at row \(expected.seq): it no longer matches the anchor"
                            }
                        }
                        say("audit chain intact: \(rows) rows, head \(head)")
                        return nil
                    }
                }
            }
            if let broken {
                FileHandle.standardError.write(Data("ketabridge: \(broken)\n".utf8))
                throw ExitCode(1)
            }
        }

        static func parseAnchor(_ text: String) throws -> (seq: Int64, hash: String) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else {
                throw CLIError.badInput("--anchor: expected SEQ:HASH as printed by `ketabridge audit anchor`")
            }
            return (seq, String(parts[1]))
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the chain's head as SEQ:HASH, to keep somewhere else.")

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await reporting {
                let url = try db.url()
                let head = try await Databases.withDatabase(url, logger: makeLogger(level: .warning)) { database in
                    try await KetaBridgeStore(database: database).auditHead()
                }
                say("\(head.seq):\(head.hash)")
            }
        }
    }
}
