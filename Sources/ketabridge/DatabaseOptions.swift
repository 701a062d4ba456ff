import ArgumentParser
import Foundation
import KetaBridgeCore
import KetaBridgeStorage
import Logging

/// `--database`, shared by every command; falls back to `KETABRIDGE_DATABASE`, then to the SQLite default.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the data lives: sqlite:PATH or postgres://user:password@host:port/database[?sslmode=require].",
            discussion: "Default: $KETABRIDGE_DATABASE, else sqlite:\(DatabaseURL.defaultSQLitePath)",
            valueName: "url"
        )
    )
    var database: String?

    func url() throws -> DatabaseURL {
        let text = database ?? ProcessInfo.processInfo.environment["KETABRIDGE_DATABASE"] ?? "sqlite:\(DatabaseURL.defaultSQLitePath)"
        do {
            return try DatabaseURL(parsing: text)
        } catch {
            throw CLIError.badInput("\(error)")
        }
    }
}

/// One clear line on stderr; bad input exits with status 2 (DESIGN.md §5).
enum CLIError: Error, CustomStringConvertible {
    case badInput(String)
    case failed(String)

    var description: String {
        switch self {
        case .badInput(let message), .failed(let message): message
        }
    }
}

extension CLIError {
    /// Domain errors caused by what the user typed become exit 2; anything else stays an ordinary failure.
    static func from(_ error: any Error) -> any Error {
        if let error = error as? DomainError {
            switch error {
            case .invalid, .duplicate, .notFound, .forbidden, .conflict: return ExitWithMessage(message: error.description, code: 2)
            case .schemaBehind, .storage: return ExitWithMessage(message: error.description, code: 1)
            }
        }
        if case .badInput(let message) = error as? CLIError { return ExitWithMessage(message: message, code: 2) }
        return error
    }
}

/// Prints the message to stderr and exits with the code.
struct ExitWithMessage: Error {
    let message: String
    let code: Int32
}

extension AsyncParsableCommand {
    /// Runs the body, turning errors into one stderr line and the right exit status.
    func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            let mapped = CLIError.from(error)
            if let exit = mapped as? ExitWithMessage {
                FileHandle.standardError.write(Data("ketabridge: \(exit.message)\n".utf8))
                throw ExitCode(exit.code)
            }
            throw mapped
        }
    }
}

func makeLogger(_ label: String = "ketabridge", level: Logger.Level = .info) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = level
    return logger
}

/// Writes a line to standard output at once (no buffering), so logins and results appear even when piped.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
