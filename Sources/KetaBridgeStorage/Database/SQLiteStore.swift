import Foundation
import KetaBridgeCore
public import Logging
import NIOCore
import NIOPosix
public import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one serialised writer connection and several readers (STYLE.md "Storage").
public final class SQLiteStore: Database {
    public let engine = DatabaseEngine.sqlite
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>

    /// Opens (creating if needed) the database file and its folder.
    public static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = try await connect(path: path, logger: logger, readOnly: false)
        var readers: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            readers.append(try await connect(path: path, logger: logger, readOnly: true))
        }
        return SQLiteStore(path: path, writer: writer, readers: readers)
    }

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.path = path
        self.writer = ConnectionPool([writer])
        self.readers = ConnectionPool(readers)
    }

    private static func connect(path: String, logger: Logger, readOnly: Bool) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path),
            threadPool: .singleton,
            logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        )
        // busy_timeout replaces sqlite-nio's spinning busy handler; synchronous=NORMAL is safe in WAL mode
        // (a committed transaction survives a process crash; see ADR 0002 for power loss).
        var pragmas = ["PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"]
        if readOnly {
            pragmas.append("PRAGMA query_only = ON")
        } else {
            pragmas.insert("PRAGMA journal_mode = WAL", at: 0)
        }
        for pragma in pragmas {
            _ = try await connection.query(pragma)
        }
        return connection
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { connection in
            try await Self.transaction(connection, begin: "BEGIN DEFERRED", body)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { connection in
            try await Self.transaction(connection, begin: "BEGIN IMMEDIATE", body)
        }
    }

    private static func transaction<T: Sendable>(
        _ connection: SQLiteConnection,
        begin: String,
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            _ = try await connection.query(begin)
        } catch {
            throw StorageErrors.map(error)
        }
        do {
            let value = try await body(connection.sql())
            _ = try await connection.query("COMMIT")
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw StorageErrors.map(error)
        }
    }

    public func shutdown() async throws {
        for connection in readers.all + writer.all {
            try await connection.close()
        }
    }
}
