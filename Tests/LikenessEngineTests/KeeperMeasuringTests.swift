import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// What the keeper measures: every copy's border for the padding rule (alone, on the pixels the
/// quality scores read it from), and the full quality scores only for the copies that reach the
/// quality rule.
@Suite(.serialized) struct KeeperMeasuringTests {
    let folder = TemporaryDirectory("keeper-measuring")

    @Test("the border measured alone is the quality scores' border, to the bit: JPEG, PNG, turned, padded and above the analysis side")
    func borderAloneAgrees() throws {
        let editor = try ImageEditor(), measurer = try QualityMeasurer(naturalness: .failure(.notNeeded))
        let picture = Fixtures.texture(width: 480, height: 360, seed: 7)
        // Wider than QualityScores.analysisSide, so a lossless copy is measured after a resize.
        let large = Fixtures.texture(width: 1300, height: 700, seed: 8)
        let files: [String: [UInt8]] = [
            "plain.jpg": try editor.encoded(picture, suffix: ".jpg[Q=90]"),
            "plain.png": try editor.encoded(picture, suffix: ".png"),
            "turned.png": try editor.encoded(try editor.apply(.rotate(degrees: 5), to: picture), suffix: ".png"),
            "padded.jpg": try editor.encoded(Fixtures.letterboxed(picture, bar: 40), suffix: ".jpg[Q=95]"),
            "large-turned.png": try editor.encoded(try editor.apply(.rotate(degrees: 4), to: large), suffix: ".png"),
        ]
        var filled = 0
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder.file(name, bytes: bytes)
            let alone = try measurer.borderFill(of: ImageSource(path: path))
            let scores = try measurer.scores(of: bytes, path: path)
            #expect(alone.bitPattern == scores.borderFill.bitPattern, "\(name): \(alone) alone, \(scores.borderFill) in the scores")
            if alone > 0 { filled += 1 }
        }
        #expect(filled >= 3, "the turned and padded copies have filled borders")
    }

    /// A catalog holding `files` (name → bytes), scanned, and its usable images by name.
    func catalogued(_ files: [String: [UInt8]]) throws -> (Catalog, [String: Int], [CatalogImage]) {
        let photos = folder.folder("photos")
        for (name, bytes) in files { folder.file("photos/\(name)", bytes: bytes) }
        let catalog = try Catalog(path: folder.child("keeper.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let images = try catalog.usableImages()
        let positions = Dictionary(uniqueKeysWithValues: images.enumerated().map { (($0.element.path as NSString).lastPathComponent, $0.offset) })
        return (catalog, positions, images)
    }

    @Test("the default chain measures every copy's border and the quality of none that an earlier rule decides; a second run reads both back")
    func qualityOnlyWhereReached() throws {
        let editor = try ImageEditor()
        let original = Fixtures.texture(width: 240, height: 180, seed: 11)
        let (catalog, at, images) = try catalogued([
            // Group 1: the padded copy has more pixels but a filled border; the half-size copy fewer pixels.
            "original.png": try editor.encoded(original, suffix: ".png"),
            "half.png": try editor.encoded(try editor.apply(.resize(fraction: 0.5), to: original), suffix: ".png"),
            "padded.png": try editor.encoded(Fixtures.letterboxed(original, bar: 30), suffix: ".png"),
            // Group 2: two copies alike in border and pixels (and no centrality with two): the chain reaches quality.
            "sharp.png": try editor.encoded(Fixtures.texture(width: 120, height: 90, seed: 12), suffix: ".png"),
            "soft.png": try editor.encoded(try editor.apply(.blur(sigma: 2), to: Fixtures.texture(width: 120, height: 90, seed: 12)), suffix: ".png"),
        ])
        let groups = [["original.png", "half.png", "padded.png"].map { at[$0]! }, ["sharp.png", "soft.png"].map { at[$0]! }]
        func choose() throws -> ([KeeperChoice], ImageSignalCache) {
            let signals = try ImageSignalCache(images: images, catalog: catalog, workers: 2)
            let keepers = KeeperChoice.keepers(groups, copyGroups: groups.count, images: images, policy: .standard, signals: signals,
                                               vector: { _ in [1, 0] })
            return (keepers, signals)
        }
        let (first, signals) = try choose()
        #expect(groups[0][first[0].index] == at["original.png"], "\(first[0].reason)")
        #expect(first[0].rule == .pixels, "the padded copy is out on its border, the half-size one on pixels: \(first[0].reason)")
        #expect(![KeeperRule.padding, .pixels, .central].contains(first[1].rule), "the second group reaches the quality rule: \(first[1].reason)")
        #expect(signals.computed.borderFill == 5, "every copy's border")
        #expect(signals.computed.quality == 2, "quality for the two copies that reach the quality rule, not for the first group")

        let (second, again) = try choose()
        #expect(second == first)
        #expect(again.computed.borderFill == 0 && again.loaded.borderFill == 5)
        #expect(again.computed.quality == 0 && again.loaded.quality == 2)
    }

    @Test("borders made beside the embeddings, for PNGs within the analysis side, are the keeper's to the bit; the keeper then measures only the others")
    func bordersAlongside() throws {
        let editor = try ImageEditor()
        let picture = Fixtures.texture(width: 200, height: 150, seed: 21)
        let files: [String: [UInt8]] = [
            "plain.png": try editor.encoded(picture, suffix: ".png"),
            "padded.png": try editor.encoded(Fixtures.letterboxed(picture, bar: 25), suffix: ".png"),
            "photo.jpg": try editor.encoded(picture, suffix: ".jpg[Q=90]"),
            "wide.png": try editor.encoded(Fixtures.texture(width: 1100, height: 300, seed: 22), suffix: ".png"),
        ]
        let (catalog, at, images) = try catalogued(files)
        let (model, input) = try ONNXRuntimeLoader.load()
        _ = try EmbeddingIndexer(catalog: catalog, model: model, input: input).fill(signals: true)
        let stored = try catalog.signals(.borderFill, version: ImageSignalCache.borderFillVersion, for: images.map(\.id))
        let made = Set(stored.keys.compactMap { id in images.first { $0.id == id }.map { ($0.path as NSString).lastPathComponent } })
        #expect(made == ["plain.png", "padded.png"], "not the JPEG, not the PNG wider than the analysis side")
        let measurer = try QualityMeasurer(naturalness: .failure(.notNeeded))
        for name in made.sorted() {
            let image = images[at[name]!]
            let alongside = try #require(stored[image.id].flatMap(ImageSignalCache.decodeNumber))
            #expect(alongside.bitPattern == (try measurer.borderFill(of: ImageSource(path: image.path))).bitPattern, "\(name)")
        }
        #expect(try #require(stored[images[at["padded.png"]!].id].flatMap(ImageSignalCache.decodeNumber)) > 0)

        let signals = try ImageSignalCache(images: images, catalog: catalog, workers: 2)
        signals.fillBorderFill(Array(images.indices))
        #expect(signals.loaded.borderFill == 2 && signals.computed.borderFill == 2, "the JPEG and the wide PNG are measured by the keeper")
    }
}
