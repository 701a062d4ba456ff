/// A fixed set of connections handed out one caller at a time, first come first served.
/// With one connection it is the serialised SQLite writer; with several, the reader pool.
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []
    let all: [Connection]

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
    }

    func acquire() async -> Connection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ connection: Connection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    nonisolated func with<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }
}
