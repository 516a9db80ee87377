import Foundation
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The confirmation signals of `dupes` (dihedral pHashes, local features, sharpness) are computed
/// once per file version, stored in the catalog, reused, and dropped when the file changes.
@Suite(.serialized) struct StoredSignalsTests {
    let folder = TemporaryDirectory("signals")
    /// Every pair is a candidate and the cosine never decides, so every signal is asked for.
    let rule = DuplicateConfiguration(acceptCosine: 1.01, candidateCosine: -1, hashRadius: 0, minimumInliers: 8)

    /// An original, its quarter turn (same pixel count, so the keeper choice reads sharpness), a
    /// crop, and two unrelated images; scanned and embedded.
    func makeCollection() throws -> (catalog: Catalog, photos: String) {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let original = try editor.apply(.blur(sigma: 1), to: Fixtures.rectangles(width: 320, height: 240, seed: 7))
        try encoder.write(original, to: folder.child("photos/a.png"))
        try encoder.write(try editor.apply(.quarterTurn(1), to: original), to: folder.child("photos/a-turned.png"))
        try encoder.write(try editor.apply(.crop(fraction: 0.8), to: original), to: folder.child("photos/a-crop.png"))
        try encoder.write(Fixtures.rectangles(width: 320, height: 240, seed: 8), to: folder.child("photos/b.png"))
        try encoder.write(Fixtures.pattern(width: 320, height: 240, seed: 9), to: folder.child("photos/c.png"))
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        return (catalog, photos)
    }

    func space(_ catalog: Catalog) throws -> EmbeddingSpace {
        let runtime = try ONNXRuntimeLoader.load()
        _ = try EmbeddingIndexer(catalog: catalog, model: runtime.model, input: runtime.input).fill()
        return try EmbeddingSpace(catalog: catalog, model: runtime.model)
    }

    /// Groups the space as `dupes` does and returns the groups with the confirmer that made them.
    func run(_ space: EmbeddingSpace, _ catalog: Catalog) throws -> (groups: [DuplicateGroup], signals: ImageSignalCache) {
        let confirmer = try PairConfirmer(configuration: rule, images: space.images, catalog: catalog, workers: 2)
        return (try NearDuplicateGrouper(configuration: rule).groups(in: space, confirmer: confirmer), confirmer.signals)
    }

    @Test("a second run on an unchanged catalog computes no signal: every one is read back, and the groups are the same")
    func reused() throws {
        let (catalog, _) = try makeCollection()
        let space = try space(catalog)
        let first = try run(space, catalog)
        #expect(first.signals.computed.hashes == 5 && first.signals.loaded.hashes == 0, "every image hashed once, nothing stored yet")
        #expect(first.signals.computed.features == 5, "every pair is open, so every image's features are computed, once")
        #expect(first.signals.computed.sharpness >= 2, "the original and its turn tie on pixel count")
        #expect(first.groups.contains { $0.members.count >= 2 }, "the copies are found: \(first.groups)")
        #expect(try catalog.signalCount(.dihedralPHash) == 5 && catalog.signalCount(.localFeatures) == 5)

        let second = try run(space, catalog)
        #expect(second.signals.computed == .init(), "nothing is computed again")
        #expect(second.signals.loaded.hashes == 5 && second.signals.loaded.features >= 5
                && second.signals.loaded.sharpness == first.signals.computed.sharpness)
        #expect(second.groups == first.groups)
    }

    @Test("a re-scan that finds a file changed drops its stored signals, and only that file is computed again")
    func invalidated() throws {
        let (catalog, photos) = try makeCollection()
        _ = try run(try space(catalog), catalog)
        let changed = folder.child("photos/c.png")
        let id = try #require(try catalog.image(at: changed)?.id)
        #expect(try catalog.signals(.dihedralPHash, version: ImageSignalCache.hashVersion, for: [id]).count == 1)

        try ImageEncoder().write(Fixtures.pattern(width: 300, height: 200, seed: 10), to: changed)
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        #expect(try catalog.image(at: changed)?.id == id, "the row is updated in place")
        for kind in ImageSignalKind.allCases {
            #expect(try catalog.signals(kind, version: 1, for: [id]).isEmpty, "\(kind) of the old content is gone")
        }
        let again = try run(try space(catalog), catalog)
        #expect(again.signals.computed.hashes == 1 && again.signals.computed.features == 1, "only the changed file: \(again.signals.computed)")
        #expect(again.signals.loaded.hashes == 4)
    }

    @Test("stored local features round-trip exactly, and an image too small for features is stored as having none")
    func encodings() throws {
        let signals = try ImageSignals()
        let path = try Fixtures.writePattern(to: folder.child("p.png"), width: 200, height: 150, seed: 3)
        let features = try #require(signals.features(at: path))
        #expect(!features.features.isEmpty)
        let decoded = try #require(ImageSignalCache.decodeFeatures(Data(features.encoded())) ?? nil)
        #expect(decoded.features == features.features && decoded.width == features.width && decoded.height == features.height)
        let none = try #require(ImageSignalCache.decodeFeatures(Data()), "an empty value is known")
        #expect(none == nil, "an empty value is 'no features'")
        let hashes = try #require(signals.dihedralHashes(at: path))
        #expect(ImageSignalCache.decodeHashes(ImageSignalCache.encodeHashes(hashes)) == hashes)
    }
}
