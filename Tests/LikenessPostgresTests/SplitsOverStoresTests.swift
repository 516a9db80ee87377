import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

/// `leakage` and `novelty` over the shared PostgreSQL catalog give what they give over a SQLite
/// file of the same folders.
@Suite(.serialized) struct SplitsOverStoresTests {
    let folder = TemporaryDirectory("splits-stores")

    /// A training folder of four blurred patterns; a test folder with a half-size copy of the
    /// first, a byte copy of the second, an unrelated fifth pattern and a file that is not an image.
    func splits() throws -> (train: String, test: String) {
        let photos = folder.folder("photos"), train = folder.folder("train"), test = folder.folder("test")
        try Fixtures.writeBlurredPatterns(in: photos, count: 5)
        for name in ["1.png", "2.png", "3.png", "4.png"] { try FileManager.default.copyItem(atPath: "\(photos)/\(name)", toPath: "\(train)/\(name)") }
        try FileManager.default.copyItem(atPath: "\(photos)/1-half.png", toPath: "\(test)/1-half.png")
        try FileManager.default.copyItem(atPath: "\(photos)/2.png", toPath: "\(test)/2-copy.png")
        try FileManager.default.copyItem(atPath: "\(photos)/5.png", toPath: "\(test)/5.png")
        folder.file("test/notes.jpg", bytes: Array("not an image".utf8))
        return (train, test)
    }

    @Test("leakage finds the same pairs over PostgreSQL as over SQLite, also when run again on a filled catalog")
    func leakage() throws {
        let (train, test) = try splits()
        let runs = try StoreRuns.onBoth(in: folder) { context in
            try [LeakageJob(train: train, test: test).run(in: context), LeakageJob(train: train, test: test).run(in: context)]
        }
        #expect(try StoreRuns.json(runs.sqlite) == StoreRuns.json(runs.postgres))
        let first = try #require(runs.postgres.first)
        #expect((first.train, first.test, first.leakedTestImages) == (4, 3, 2))
        #expect(Set(first.pairs.map { [$0.first, $0.second] }) == [[train + "/1.png", test + "/1-half.png"], [train + "/2.png", test + "/2-copy.png"]])
    }

    @Test("novelty names the same nearest references and novel images over PostgreSQL as over SQLite")
    func novelty() throws {
        let (train, test) = try splits()
        let runs = try StoreRuns.onBoth(in: folder) { context in
            try [NoveltyJob(reference: train, query: test).run(in: context), NoveltyJob(reference: train, query: test, threshold: 0.99).run(in: context)]
        }
        #expect(try StoreRuns.json(runs.sqlite) == StoreRuns.json(runs.postgres))
        let nearest = Dictionary(uniqueKeysWithValues: try #require(runs.postgres.first).queries.map { ($0.query, $0.nearest) })
        #expect(nearest[test + "/1-half.png"] == train + "/1.png" && nearest[test + "/2-copy.png"] == train + "/2.png")
        let strict = try #require(runs.postgres.last)
        #expect(strict.queries.filter(\.novel).map(\.query).contains(test + "/5.png"))
        #expect(!strict.queries.first { $0.query == test + "/2-copy.png" }!.novel)
    }
}
