import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The confirmation signals of `dupes` (dihedral pHashes, local features, the keeper's quality scores) are computed
/// once per file version, stored in the catalog, reused, and dropped when the file changes.
@Suite(.serialized) struct StoredSignalsTests {
    let folder = TemporaryDirectory("signals")
    /// Every pair is a candidate and the cosine never decides, so every signal is asked for.
    let rule = DuplicateConfiguration(acceptCosine: 1.01, candidateCosine: -1, hashRadius: 0, minimumInliers: 8)

    /// An original, its quarter turn (same pixel count, so the keeper choice reads quality scores), a
    /// crop, and two unrelated images, written a minute apart in that order; scanned and embedded.
    func makeCollection(in name: String = "photos") throws -> (catalog: Catalog, photos: String) {
        let photos = folder.folder(name)
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let original = try editor.apply(.blur(sigma: 1), to: Fixtures.rectangles(width: 320, height: 240, seed: 7))
        try encoder.write(original, to: folder.child(name, "a.png"))
        try encoder.write(try editor.apply(.quarterTurn(1), to: original), to: folder.child(name, "a-turned.png"))
        try encoder.write(try editor.apply(.crop(fraction: 0.8), to: original), to: folder.child(name, "a-crop.png"))
        try encoder.write(Fixtures.rectangles(width: 320, height: 240, seed: 8), to: folder.child(name, "b.png"))
        try encoder.write(Fixtures.pattern(width: 320, height: 240, seed: 9), to: folder.child(name, "c.png"))
        // Files written within one clock tick share a modification time (Linux stamps files from a coarse
        // clock), and then the keeper's `oldest` rule would fall through to `size`: the times are set.
        for (minute, file) in ["a.png", "a-turned.png", "a-crop.png", "b.png", "c.png"].enumerated() {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(minute) * 60)],
                                                  ofItemAtPath: folder.child(name, file))
        }
        let catalog = try Catalog(path: folder.child(name + ".sqlite"))
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
        #expect(first.signals.computed.hashes == 5 && first.signals.loaded == .init(), "every image hashed once, nothing read back")
        #expect(first.signals.computed.features == 5, "every pair is open, so every image's features are computed, once")
        #expect(first.signals.computed.quality >= 2, "the original and its turn tie on pixel count")
        #expect(first.groups.contains { $0.members.count >= 2 }, "the copies are found: \(first.groups)")
        #expect(try catalog.signalCount(.dihedralPHash) == 5 && catalog.signalCount(.localFeatures) == 5)

        let second = try run(space, catalog)
        #expect(second.signals.computed == .init(), "nothing is computed again")
        #expect(second.signals.loaded.hashes == 5 && second.signals.loaded.features == 5
                && second.signals.loaded.quality == first.signals.computed.quality)
        #expect(second.groups == first.groups)
    }

    @Test("the keeper measures quality without BRISQUE and stores it under its own version; `quality`'s rows, which have BRISQUE, are read back by it")
    func keeperQualityWithoutBRISQUE() throws {
        let (catalog, _) = try makeCollection()
        let space = try space(catalog)
        let first = try run(space, catalog)
        let measured = first.signals.computed.quality
        #expect(measured >= 2)
        let ids = space.images.map(\.id)
        let without = try catalog.signals(.quality, version: ImageSignalCache.qualityVersion(naturalness: false), for: ids)
        #expect(without.count == measured, "stored as measured without the BRISQUE score")
        #expect(try catalog.signals(.quality, version: ImageSignalCache.qualityVersion(naturalness: true), for: ids).isEmpty)
        for value in without.values { #expect(try JSONDecoder().decode(QualityScores.self, from: value).brisque == nil) }

        // `quality` (BRISQUE installed by setup) does not take those rows: it measures again, with the score.
        let full = try ImageSignalCache(images: space.images, catalog: catalog, workers: 2)
        full.fillQuality(Array(space.images.indices))
        #expect(full.computed.quality == space.images.count && full.loaded.quality == 0)
        #expect(full.quality(0)?.brisque != nil)

        // The keeper reads those rows back (they hold everything it needs, and more) and computes nothing.
        let second = try run(space, catalog)
        #expect(second.signals.computed.quality == 0 && second.signals.loaded.quality == measured)
        #expect(second.groups == first.groups)
    }

    @Test("signals made beside the embeddings are the ones computed from the files, so grouping computes none and groups alike")
    func alongsideEmbeddings() throws {
        let (catalog, _) = try makeCollection()
        let runtime = try ONNXRuntimeLoader.load()
        let summary = try EmbeddingIndexer(catalog: catalog, model: runtime.model, input: runtime.input, decodeWorkers: 2).fill(signals: true)
        #expect(summary.embedded == 5)
        #expect(try catalog.signalCount(.dihedralPHash) == 5 && catalog.signalCount(.localFeatures) == 5)
        let space = try EmbeddingSpace(catalog: catalog, model: runtime.model)
        let ids = space.images.map(\.id)
        let storedHashes = try catalog.signals(.dihedralPHash, version: ImageSignalCache.hashVersion, for: ids)
        let storedFeatures = try catalog.signals(.localFeatures, version: ImageSignalCache.featureVersion, for: ids)
        let signals = try ImageSignals()
        for image in space.images {
            let source = ImageSource(image)
            #expect(storedHashes[image.id] == ImageSignalCache.encodeHashes(try signals.dihedralHashes(of: source)), "\(image.path)")
            #expect(storedFeatures[image.id] == ImageSignalCache.encodeFeatures(try signals.features(of: source)), "\(image.path)")
        }
        let grouped = try run(space, catalog)
        #expect(grouped.signals.computed.hashes == 0 && grouped.signals.computed.features == 0)
        #expect(grouped.signals.loaded.hashes == 5 && grouped.signals.loaded.features == 5)

        // The same collection grouped from signals computed on demand gives the same groups.
        let (other, _) = try makeCollection(in: "again")
        #expect(try run(try self.space(other), other).groups.map { $0.members.map { ($0.path as NSString).lastPathComponent } }
                == grouped.groups.map { $0.members.map { ($0.path as NSString).lastPathComponent } })
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

    @Test("an image smaller than the pHash's 32 px gets no pHashes, so the hash never confirms a pair of thumbnails")
    func smallImagesHaveNoHashes() throws {
        let signals = try ImageSignals()
        let tiny = try Fixtures.writePattern(to: folder.child("tiny.png"), width: 28, height: 28, seed: 4)
        let twin = try Fixtures.writePattern(to: folder.child("twin.png"), width: 28, height: 28, seed: 4)
        let small = try signals.dihedralHashes(of: ImageSource(path: tiny))
        #expect(small.isEmpty && signals.dihedralHashes(at: tiny) == nil)
        #expect(ImageSignalCache.decodeHashes(ImageSignalCache.encodeHashes(small)) == [], "stored as known: none")
        let large = try #require(signals.dihedralHashes(at: try Fixtures.writePattern(to: folder.child("large.png"), width: 64, height: 32, seed: 4)))
        #expect(large.count == 8 && ImageSignals.dihedralDistance(small, large) == nil && ImageSignals.dihedralDistance(large, large) == 0)
        // Even two identical thumbnails: the cosine may still call them copies, the pHash does not.
        let confirmer = try PairConfirmer(configuration: rule, paths: [tiny, twin], workers: 1)
        #expect(confirmer.hashDistance(0, 1) == nil)
        #expect(confirmer.confirm([(i: 0, j: 1, score: 0.9)]).isEmpty)

        // Catalogued, their size is known: no file is even read for a signal they cannot have.
        let catalog = try Catalog(path: folder.child("tiny.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([tiny, twin])
        let images = try [tiny, twin].map { try #require(try catalog.image(at: $0)) }
        let catalogued = try PairConfirmer(configuration: rule, images: images, catalog: catalog, workers: 1)
        #expect(catalogued.confirm([(i: 0, j: 1, score: 0.9)]).isEmpty)
        #expect(catalogued.signals.computed == .init() && catalogued.signals.loaded == .init(), "\(catalogued.signals.computed)")
    }

    @Test("every member's line passes the rule against the centre that confirmed it; runs give the same groups in the same order")
    func evidenceAndDeterminism() throws {
        let (catalog, _) = try makeCollection()
        let space = try space(catalog)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for rule in [rule, DuplicateConfiguration(acceptCosine: 0.9, candidateCosine: -1, hashRadius: 6, minimumInliers: 8)] {
            let grouper = try NearDuplicateGrouper(configuration: rule)
            let computed = try grouper.groups(in: space)
            let stored = try grouper.groups(in: space, catalog: catalog)
            let again = try grouper.groups(in: space, catalog: catalog)
            #expect(!computed.isEmpty)
            #expect(try encoder.encode(stored) == encoder.encode(computed), "stored signals give what computed ones give")
            #expect(try encoder.encode(again) == encoder.encode(stored), "the same catalog gives the same output")
            for group in computed {
                let centres = group.members.filter { $0.confirmedBy == nil }
                #expect(centres.count == 1 && group.members[0].path == group.keep)
                for member in group.members where member.confirmedBy != nil {
                    #expect(member.confirmedBy == centres.first?.path)
                    #expect(rule.accepts(cosine: member.similarity, hashDistance: { member.hashDistance }, inliers: { member.inliers ?? 0 }),
                            "\(member) passes the rule it is shown with")
                    if member.similarity >= rule.acceptCosine { #expect(member.hashDistance == nil && member.inliers == nil && member.tier != .sameScene) }
                    if member.tier == .sameScene { #expect(group.tier == .sameScene && (member.inliers ?? 0) >= rule.minimumInliers) }
                    if member.inliers != nil { #expect((member.hashDistance ?? .max) > rule.hashRadius, "corners only when the hash did not decide") }
                }
            }
        }
    }
}
