import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `quality`, `inspect` and `calibrate sample` over the shared PostgreSQL catalog give what they
/// give over a SQLite file of the same folder, and keep the scores they measure in it.
@Suite(.serialized) struct QualityOverStoresTests {
    let folder = TemporaryDirectory("quality-stores")

    /// Four blurred patterns, a half-size copy of the first, a byte copy of the second, a flat grey
    /// image and a file that is not an image.
    func photos() throws -> String {
        let photos = try StoreRuns.photos(in: folder, copy: "2-copy.png")
        try ImageEncoder().write(Fixtures.solid(width: 120, height: 80, rgb: (128, 128, 128)), to: folder.child("photos/flat.png"))
        return photos
    }

    @Test("quality scores the same over PostgreSQL as over SQLite, and a second run reads every score back")
    func quality() throws {
        let photos = try photos()
        let runs = try StoreRuns.onBoth(in: folder) { context in
            try [QualityJob(folders: [photos]).run(in: context), QualityJob(folders: [photos]).run(in: context)]
        }
        #expect(try StoreRuns.json(runs.sqlite) == StoreRuns.json(runs.postgres))
        let (first, second) = (runs.postgres[0], runs.postgres[1])
        #expect((first.images.count, first.computed, first.reused) == (7, 7, 0))
        #expect((second.computed, second.reused) == (0, 7))
        #expect(first.images.first?.path == folder.child("photos/flat.png"))
    }

    @Test("inspect flags the same images over PostgreSQL as over SQLite, reusing the quality scores stored by quality")
    func inspect() throws {
        let photos = try photos()
        let runs = try StoreRuns.onBoth(in: folder) { context in
            _ = try QualityJob(folders: [photos]).run(in: context)
            return try InspectJob(folders: [photos]).run(in: context)
        }
        #expect(try StoreRuns.json(runs.sqlite) == StoreRuns.json(runs.postgres))
        let result = runs.postgres
        #expect((result.images, result.qualityComputed, result.qualityReused) == (7, 0, 7))
        #expect(result.unreadable?.map(\.path) == [folder.child("photos/notes.jpg")])
        #expect(Set(result.finding(.exactDuplicate)?.images.map(\.path) ?? []) == [folder.child("photos/2.png"), folder.child("photos/2-copy.png")])
    }

    @Test("calibrate sample draws the same pairs over PostgreSQL as over SQLite")
    func samplePairs() throws {
        let photos = try photos()
        let runs = try StoreRuns.onBoth(in: folder) { context in try SamplePairsJob(folders: [photos], count: 8, bins: 4).run(in: context) }
        #expect(try StoreRuns.json(runs.sqlite) == StoreRuns.json(runs.postgres))
        #expect(runs.postgres.images == 7 && !runs.postgres.pairs.isEmpty)
    }
}
