import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEmbedding
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The parts of the near-duplicate rule on their own: the confirmer, the space, splits (the keeper: KeeperTests).
@Suite(.serialized) struct DuplicateRuleTests {
    let folder = TemporaryDirectory("rule")

    /// An original, its quarter turn, and an unrelated image.
    func makeFiles() throws -> [String] {
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let original = try editor.apply(.blur(sigma: 4), to: Fixtures.pattern(width: 200, height: 150, seed: 3))
        let paths = ["original.png", "turned.png", "other.png"].map { folder.child($0) }
        try encoder.write(original, to: paths[0])
        try encoder.write(try editor.apply(.quarterTurn(1), to: original), to: paths[1])
        try encoder.write(try editor.apply(.blur(sigma: 4), to: Fixtures.pattern(width: 200, height: 150, seed: 4)), to: paths[2])
        return paths
    }

    @Test("the confirmer accepts by cosine alone, by pHash over turns, and rejects below the candidate cut or unconfirmed")
    func confirmer() throws {
        let paths = try makeFiles()
        let rule = DuplicateConfiguration(acceptCosine: 0.95, candidateCosine: 0.5, hashRadius: 6, minimumInliers: 0)
        let confirmer = try PairConfirmer(configuration: rule, paths: paths, workers: 2)
        let accepted = confirmer.confirm([(i: 0, j: 2, score: 0.97), (i: 0, j: 1, score: 0.6), (i: 1, j: 2, score: 0.4), (i: 0, j: 2, score: 0.6)])
        #expect(accepted.count == 2)
        #expect(accepted[0].i == 0 && accepted[0].j == 2 && accepted[0].hashDistance == nil, "cosine alone decides, no hash computed")
        #expect(accepted[0].tier == .samePicture && accepted[0].inliers == nil, "a pair the cosine accepts alone is a copy")
        #expect(accepted[1].i == 0 && accepted[1].j == 1 && (accepted[1].hashDistance ?? 99) <= 6, "the turn is caught by the pHash over turns")
        #expect(try #require(confirmer.hashDistance(0, 2)) > 6, "unrelated patterns are far apart in pHash")
    }

    @Test("an embedding space leaves out files gone since the scan; a split puts an image under both roots in the first set")
    func spaceAndSplit() throws {
        let photos = folder.folder("photos")
        _ = (folder.folder("photos/train"), folder.folder("photos/test"))
        for seed in 1...4 { try Fixtures.writePattern(to: folder.child("photos/\(seed < 3 ? "train" : "test")/\(seed).png"), width: 64, height: 48, seed: UInt64(seed)) }
        try FileManager.default.copyItem(atPath: folder.child("photos/train/1.png"), toPath: folder.child("photos/test/1-copy.png"))
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let runtime = try ONNXRuntimeLoader.load()
        _ = try EmbeddingIndexer(catalog: catalog, model: runtime.model, input: runtime.input).fill()
        let split = try SplitComparison(catalog: catalog, model: runtime.model, first: [folder.child("photos/train")], second: [photos])
        #expect(split.first.count == 2 && split.second.count == 3, "train images count in the first set only")
        let rows = split.novelty(threshold: 0.999)
        let copy = try #require(rows.first { $0.query.hasSuffix("1-copy.png") })
        #expect(copy.nearest?.hasSuffix("train/1.png") == true && copy.similarity > 0.999 && !copy.novel)
        #expect(rows.filter(\.novel).count == 2)

        try FileManager.default.removeItem(atPath: folder.child("photos/test/3.png"))
        let space = try EmbeddingSpace(catalog: catalog, model: runtime.model)
        #expect(space.images.count == 4 && space.stale.map { ($0.path as NSString).lastPathComponent } == ["3.png"])
        #expect(space.position(of: folder.child("photos/test/4.png")) != nil && space.position(of: folder.child("photos/test/3.png")) == nil)
    }
}

/// The tiny ResNet-style test model.
enum ONNXRuntimeLoader {
    static func load() throws -> (model: ONNXEmbeddingModel, input: EmbeddingInput) {
        let runtime = try ONNXRuntime.load(libraryPath: TestModels.runtimeLibrary)
        let manifest = try ModelManifest.load(from: TestModels.tinyManifest("resnet-tiny"))
        return (try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: TestModels.tinyDirectory, runtime: runtime),
                try EmbeddingInput(manifest: manifest))
    }
}
