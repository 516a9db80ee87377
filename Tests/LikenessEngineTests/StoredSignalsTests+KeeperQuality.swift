import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The keeper's quality scores made beside the embeddings (``AlongsideSignals/keeperQuality``).
extension StoredSignalsTests {
    /// Embeds what `catalog` lacks, making `signals` from the same decodes.
    func embed(_ catalog: Catalog, making signals: AlongsideSignals) throws -> EmbeddingSpace {
        let runtime = try ONNXRuntimeLoader.load()
        _ = try EmbeddingIndexer(catalog: catalog, model: runtime.model, input: runtime.input, decodeWorkers: 2).fill(signals: signals)
        return try EmbeddingSpace(catalog: catalog, model: runtime.model)
    }

    /// The keeper's stored quality rows of `images`, by catalog id.
    func keeperRows(_ catalog: Catalog, _ images: [CatalogImage]) throws -> [Int64: Data] {
        try catalog.signals(.quality, version: ImageSignalCache.qualityVersion(naturalness: false), for: images.map(\.id))
    }

    @Test("quality made beside the embeddings is what the keeper measures from the files; grouping then measures none and keeps the same copies")
    func keeperQualityAlongside() throws {
        let (catalog, _) = try makeCollection()
        let space = try embed(catalog, making: [.confirmation, .keeperQuality])
        let rows = try keeperRows(catalog, space.images)
        #expect(rows.count == space.images.count, "every PNG is measured while it is held")
        let measurer = try QualityCoverage.withoutNaturalness.measurer()
        for image in space.images {
            let stored = try #require(rows[image.id].flatMap(ImageSignalCache.decodeQuality))
            #expect(stored == (try measurer.scores(of: ImageSource(image))), "\(image.path)")
        }
        let grouped = try run(space, catalog)
        #expect(grouped.signals.computed.quality == 0 && grouped.signals.loaded.quality >= 2)

        // Measured on demand instead, the same copies are kept.
        let (other, _) = try makeCollection(in: "again")
        let onDemand = try run(try embed(other, making: .confirmation), other)
        #expect(onDemand.signals.computed.quality == grouped.signals.loaded.quality)
        let named = { (groups: [DuplicateGroup]) in groups.map { ([$0.keep] + $0.members.map(\.path)).map { ($0 as NSString).lastPathComponent } } }
        #expect(named(onDemand.groups) == named(grouped.groups))
    }

    @Test("beside the embeddings a JPEG is not measured (nothing held to save), and a stored quality row is not measured again")
    func keeperQualityOnlyWhereItSaves() throws {
        let (catalog, photos) = try makeCollection()
        let jpeg = folder.child("photos", "d.jpg")
        try ImageEncoder().write(Fixtures.texture(width: 320, height: 240, seed: 12), to: jpeg)
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let first = try #require(try catalog.image(at: folder.child("photos", "a.png")))
        var planted = try QualityCoverage.withoutNaturalness.measurer().scores(of: ImageSource(first))
        planted.sharpness = -1
        try catalog.storeSignals(.quality, version: ImageSignalCache.qualityVersion(naturalness: false), [(first.id, ImageSignalCache.encodeQuality(planted))])

        let space = try embed(catalog, making: .keeperQuality)
        #expect(space.images.count == 6)
        let rows = try keeperRows(catalog, space.images)
        #expect(rows.count == 5, "the five PNGs, not the JPEG")
        #expect(space.images.filter { rows[$0.id] == nil }.map(\.path) == [jpeg])
        #expect(rows[first.id].flatMap(ImageSignalCache.decodeQuality)?.sharpness == -1, "the stored row is kept, not measured again")
        #expect(try catalog.signalCount(.dihedralPHash) == 0, "confirmation signals only when asked for")
    }

    @Test("a changed file's quality row goes with the re-scan, and the next embedding measures the new content")
    func keeperQualityInvalidated() throws {
        let (catalog, photos) = try makeCollection()
        _ = try embed(catalog, making: .keeperQuality)
        let changed = folder.child("photos/c.png")
        let before = try #require(try catalog.image(at: changed))
        let old = try #require(try keeperRows(catalog, [before])[before.id])

        try ImageEncoder().write(Fixtures.pattern(width: 300, height: 200, seed: 10), to: changed)
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let after = try #require(try catalog.image(at: changed))
        #expect(try keeperRows(catalog, [after]).isEmpty, "the old content's scores are gone")
        _ = try embed(catalog, making: .keeperQuality)
        let new = try #require(try keeperRows(catalog, [after])[after.id])
        #expect(new != old)
        #expect(ImageSignalCache.decodeQuality(new) == (try QualityCoverage.withoutNaturalness.measurer().scores(of: ImageSource(after))))
    }
}
