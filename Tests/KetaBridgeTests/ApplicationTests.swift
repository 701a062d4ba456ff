import Hummingbird
import KetaBridgeServer
import KetaBridgeStorage
import Testing

@Suite struct ApplicationTests {
    /// The PostgreSQL pool is a service of the application (started before the server, stopped after it);
    /// SQLite needs none. The preparation step runs before the server listens.
    @Test(arguments: TestEngines.all) func databaseRunsAsAServiceAndPreparesFirst(_ engine: DatabaseEngine) async throws {
        try await TestDatabase.withStore(engine) { store in
            let app = try await buildApplication(store: store, configuration: TestApp.configuration(), logger: TestDatabase.logger) {}
            #expect(app.services.count == (engine == .postgres ? 1 : 0))
            #expect(app.services.allSatisfy { $0 is PostgresStore })
            #expect(app.processesRunBeforeServerStart.count == 1)
        }
    }
}
