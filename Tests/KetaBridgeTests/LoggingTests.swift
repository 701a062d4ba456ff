import HTTPTypes
import HummingbirdTesting
import InMemoryLogging
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import Testing

@Suite struct LoggingTests {
    /// Searches carry names and birth dates in the query string; none of it may reach the logs.
    @Test func requestLogsCarryIdsNotPHI() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let f = try await Fixture.make(store)
            let handler = InMemoryLogHandler()
            var logger = Logger(label: "capture") { _ in handler }
            logger.logLevel = .info
            try await TestApp.run(store: store, logger: logger) { client, _ in
                let session = try await client.signIn(f.user(.nurse).email)
                let page = try await client.execute(uri: "/patients?q=Lovelace", method: .get, headers: session.headers)
                #expect(page.text.contains("Lovelace"))
                _ = try await client.execute(uri: "/patients?q=1980-05-17", method: .get, headers: session.headers)
            }
            let lines = handler.entries.map { "\($0.message) \($0.metadata)" }
            #expect(lines.contains { $0.contains("/patients") })
            #expect(!lines.contains { $0.contains("Lovelace") || $0.contains("1980-05-17") || $0.contains(Fixture.password) })
        }
    }
}
