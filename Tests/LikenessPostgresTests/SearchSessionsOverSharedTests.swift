import Foundation
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

/// A long-lived shell's search sessions over a shared catalog, which other machines write.
@Suite(.serialized) struct SearchSessionsOverSharedTests {
    @Test("over a shared catalog a session is kept while the catalog is unchanged; an image another process embedded is found at the next search")
    func keptUntilChanged() throws {
        let folder = TemporaryDirectory("sessions-shared")
        folder.folder("photos")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        let scratch = try ScratchPostgres()
        let sessions = SearchSessions()
        var server = StoreRuns.context(scratch.url)
        server.searchSessions = sessions
        _ = try EmbedJob(folders: [folder.child("photos")]).run(in: server)
        let query = folder.child("photos/1.png")
        let first = try SearchJob(queries: [query], k: 5).run(in: server)
        #expect(first.queries[0].matches.count == 2)
        #expect(try SearchJob(queries: [query], k: 5).run(in: server).queries[0].matches == first.queries[0].matches)
        #expect(sessions.loads == 1, "an unchanged catalog is not read again")
        // Another machine scans and embeds a new image into the same database.
        try Fixtures.writePattern(to: folder.child("photos/4.png"), width: 96, height: 64, seed: 4)
        _ = try EmbedJob(folders: [folder.child("photos")]).run(in: StoreRuns.context(scratch.url))
        let second = try SearchJob(queries: [query], k: 5).run(in: server)
        #expect(second.queries[0].matches.contains { $0.path.hasSuffix("/4.png") }, "\(second.queries[0].matches)")
        #expect(sessions.loads == 2 && sessions.count == 1)
    }
}
