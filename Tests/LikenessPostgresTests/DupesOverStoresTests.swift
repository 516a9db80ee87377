import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

/// `dupes` and `decisions` over the shared PostgreSQL catalog give what they give over a SQLite
/// file of the same folder, in every mode, before and after a person's "keep all".
@Suite(.serialized) struct DupesOverStoresTests {
    let folder = TemporaryDirectory("dupes-stores")

    /// Four blurred patterns, a half-size copy of the first, a byte copy of the second, and a file
    /// that is not an image.
    func photos() throws -> String {
        try StoreRuns.photos(in: folder, copy: "sub-2-copy.png")
    }

    /// Every mode's result on one store: exact, pHash, embedding; then again after "keep all" of the
    /// half-size pair, and once more from what the catalog already holds (no folders).
    func results(on catalog: String, photos: String) throws -> [String] {
        let context = StoreRuns.context(catalog)
        let modes: [DupesJob.Mode] = [.exact, .hash(.bits(.pHash), threshold: nil), .embedding(DuplicateConfiguration())]
        var outputs = try modes.map { try StoreRuns.json(DupesJob(folders: [photos], mode: $0).run(in: context)) }
        let decided = try DecisionsJob(.keepAll([folder.child("photos/1.png"), folder.child("photos/1-half.png")])).run(in: context)
        #expect(decided.changed == 1 && decided.decisions.count == 1)
        outputs += try modes.map { try StoreRuns.json(DupesJob(folders: [], mode: $0).run(in: context)) }
        let listed = try DecisionsJob(.list).run(in: context)
        #expect(listed.decisions.map { [$0.firstPath, $0.secondPath].sorted() } == [[folder.child("photos/1-half.png"), folder.child("photos/1.png")]])
        return outputs
    }

    @Test("every dupes mode groups the same images over PostgreSQL as over SQLite, and keeps a person's decisions")
    func sameGroups() throws {
        let photos = try photos()
        let scratch = try ScratchPostgres()
        let file = try results(on: folder.child("c.sqlite"), photos: photos)
        let shared = try results(on: scratch.url, photos: photos)
        #expect(file.count == 6 && shared.count == 6)
        for (index, (a, b)) in zip(file, shared).enumerated() { #expect(a == b, "result \(index)") }
        // The groups are the ones the folder holds: the byte copy exactly, the half-size copy by
        // embedding until a person keeps both.
        #expect(file[0].contains("sub-2-copy.png") && !file[0].contains("1-half.png"))
        #expect(file[2].contains("1-half.png") && file[2].contains("sub-2-copy.png"))
        #expect(!file[5].contains("1-half.png") && file[5].contains("sub-2-copy.png"))
    }
}
