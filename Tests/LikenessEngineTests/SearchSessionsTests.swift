import Foundation
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct SearchSessionsTests {
    @Test("searches through kept sessions load once while the catalog is unchanged, load again after an embed wrote to it, and find what it added")
    func reuseAndInvalidate() throws {
        let folder = TemporaryDirectory("sessions")
        folder.folder("photos")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        let sessions = SearchSessions()
        let context = JobContext(catalogPath: folder.child("c.sqlite"),
                                 models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary),
                                 workers: 2, searchSessions: sessions)
        _ = try EmbedJob(folders: [folder.child("photos")]).run(in: context)
        let query = folder.child("photos/1.png")
        let first = try SearchJob(queries: [query], k: 5).run(in: context)
        let second = try SearchJob(queries: [query], k: 5).run(in: context)
        #expect(sessions.loads == 1, "the second search reused the first one's model and vectors")
        #expect(first.queries == second.queries && first.queries[0].matches.count == 2)
        let plain = try SearchJob(queries: [query], k: 5).run(in: JobContext(catalogPath: context.catalogPath, models: context.models, workers: 2))
        #expect(plain.queries == first.queries, "the same matches as a search that loads everything itself")

        try Fixtures.writePattern(to: folder.child("photos/4.png"), width: 96, height: 64, seed: 4)
        _ = try EmbedJob(folders: [folder.child("photos")]).run(in: context)
        let third = try SearchJob(queries: [query], k: 5).run(in: context)
        #expect(sessions.loads == 2, "the embed wrote to the catalog, so the space was loaded again")
        #expect(third.queries[0].matches.contains { $0.path.hasSuffix("/4.png") }, "\(third.queries[0].matches)")
        _ = try SearchJob(queries: [query], k: 5, metric: .euclidean).run(in: context)
        #expect(sessions.loads == 2, "other metrics load for themselves and leave the kept session alone")
    }

    @Test("at most `capacity` sessions are kept: the one searched least recently goes first, and searching it again loads it again")
    func boundedByCapacity() throws {
        let folder = TemporaryDirectory("sessions-capacity")
        let models = ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary)
        let sessions = SearchSessions(capacity: 2)
        var contexts: [JobContext] = []
        for library in ["a", "b", "c"] {
            folder.folder(library)
            for seed in 1...2 { try Fixtures.writePattern(to: folder.child("\(library)/\(seed).png"), width: 64, height: 48, seed: UInt64(seed)) }
            let context = JobContext(catalogPath: folder.child("\(library).sqlite"), models: models, workers: 2, searchSessions: sessions)
            _ = try EmbedJob(folders: [folder.child(library)]).run(in: context)
            contexts.append(context)
        }
        let search = { (index: Int) throws in
            _ = try SearchJob(queries: [folder.child(["a", "b", "c"][index] + "/1.png")], k: 2).run(in: contexts[index])
        }
        try search(0); try search(1); try search(0)
        #expect(sessions.loads == 2 && sessions.count == 2)
        try search(2)
        #expect(sessions.loads == 3 && sessions.count == 2, "the third catalog pushed one out")
        try search(0)
        #expect(sessions.loads == 3, "a was searched more recently than b, so a stayed")
        try search(1)
        #expect(sessions.loads == 4 && sessions.count == 2, "b was pushed out and loads again")
    }
}
