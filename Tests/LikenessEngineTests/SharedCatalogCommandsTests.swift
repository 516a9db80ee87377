import LikenessEngine
import Testing

@Suite struct SharedCatalogCommandsTests {
    @Test("the SQLite-only opener refuses a shared catalog's URL, naming every command that takes one, without the password")
    func refusal() throws {
        let context = JobContext(catalogPath: "postgres://me:secret@127.0.0.1:1/photos")
        do {
            _ = try context.openCatalog(for: .reading)
            Issue.record("a postgres:// URL was opened as a SQLite file")
        } catch {
            #expect(error.description.contains("postgres://me:***@127.0.0.1:1/photos") && !error.description.contains("secret"), "\(error)")
            #expect(error.description.hasSuffix("`train contrastive`, `worker` and `status`"), "\(error)")
        }
        #expect(SharedCatalogCommands.sentence.hasPrefix("`scan`, `embed`, `search`, `dupes`, `decisions`, `leakage`, `novelty`, `cluster`"))
        #expect(SharedCatalogCommands.commaSeparated.contains("calibrate sample, serve, train autoencoder"))
    }
}
