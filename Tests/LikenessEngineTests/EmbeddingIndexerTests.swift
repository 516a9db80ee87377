import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEmbedding
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct EmbeddingIndexerTests {
    let folder = TemporaryDirectory("embed")

    @Test("embeds every image; one that breaks after the scan is skipped and the rest of its batch still embeds")
    func failureMidBatch() throws {
        let photos = folder.folder("photos")
        for seed in 1...7 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 64, height: 48, seed: UInt64(seed)) }
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        // Break one file after the scan, keeping its size and modification time.
        let victim = folder.child("photos/4.png")
        var info = stat()
        _ = stat(victim, &info)
        let size = Int(info.st_size)
        try Data(repeating: 0x41, count: size).write(to: URL(fileURLWithPath: victim))
        var times = [info.st_atim, info.st_mtim]
        _ = utimensat(AT_FDCWD, victim, &times, 0)

        let (model, input) = try TestModels.tinyResNet()
        let summary = try EmbeddingIndexer(catalog: catalog, model: model, input: input, batchSize: 3).fill()
        #expect(summary.embedded == 6)
        #expect(summary.skipped.map { ($0.path as NSString).lastPathComponent } == ["4.png"])
        let vectors = try catalog.embeddings(model: model.id, fingerprint: model.fingerprint)
        #expect(vectors.count == 6 && vectors.values.allSatisfy { $0.count == 16 })
        // Stored vectors equal a direct run of the model.
        let direct = try model.embed([try input.pixels(from: Array(try Data(contentsOf: URL(fileURLWithPath: folder.child("photos/1.png")))))])[0].get()
        let id = try #require(try catalog.image(at: folder.child("photos/1.png"))?.id)
        #expect(try #require(vectors[id]).cosineSimilarity(to: direct) > 0.9999)
        // The broken file is now failed in the catalog, as a scan would have recorded it: a second run has nothing to do.
        #expect(try catalog.image(at: victim)?.failure?.kind == .notAnImage)
        let again = try EmbeddingIndexer(catalog: catalog, model: model, input: input).fill()
        #expect(again.embedded == 0 && again.skipped.isEmpty)
    }

    @Test("an ONNX model whose output is NaN leaves the images good: skipped as unembeddable, not recorded as failed")
    func modelFailureIsNotTheFile() throws {
        let photos = folder.folder("nan")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("nan/\(seed).png"), width: 40, height: 40, seed: UInt64(seed)) }
        let catalog = try Catalog(path: folder.child("nan.sqlite"))
        _ = try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(pixelCheck: .deferred)).scan([photos])
        let runtime = try ONNXRuntime.load(libraryPath: TestModels.runtimeLibrary)
        let manifest = try ModelManifest.load(from: TestModels.tinyManifest("nan-tiny"))
        let model = try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: TestModels.tinyDirectory, runtime: runtime)
        let summary = try EmbeddingIndexer(catalog: catalog, model: model, input: try EmbeddingInput(manifest: manifest)).fill()
        #expect(summary.embedded == 0)
        #expect(summary.skipped.map(\.kind) == [.unembeddable, .unembeddable, .unembeddable])
        #expect(try catalog.usableImages().count == 3, "a model's failure is not recorded against the files")
    }

    @Test("vectors from other weights of the same model id are stale and recomputed")
    func staleVectors() throws {
        let photos = folder.folder("p")
        for seed in 1...2 { try Fixtures.writePattern(to: folder.child("p/\(seed).png"), width: 40, height: 40, seed: UInt64(seed)) }
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let ids = try catalog.usableImages().map(\.id)
        let (model, input) = try TestModels.tinyResNet()
        try catalog.storeEmbeddings(ids.map { ($0, [Float](repeating: 0.25, count: 16)) }, model: model.id, fingerprint: "older-weights")
        let summary = try EmbeddingIndexer(catalog: catalog, model: model, input: input).fill()
        #expect(summary.staleBefore == 2 && summary.embedded == 2)
        #expect(try catalog.staleEmbeddingCount(model: model.id, fingerprint: model.fingerprint) == 0)
    }

    @Test("letterbox pads to the input size; centre crop with a crop fraction gives exactly the input size")
    func preprocessing() throws {
        let wide = try Fixtures.writePattern(to: folder.child("wide.png"), width: 200, height: 100, seed: 3)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: wide)))
        var manifest = try ModelManifest.load(from: TestModels.tinyManifest("nan-tiny"))
        let boxed = try EmbeddingInput(manifest: manifest).pixels(from: bytes)
        #expect((boxed.width, boxed.height) == (32, 32))
        #expect(boxed[16, 0] == (0, 0, 0) && boxed[16, 31] == (0, 0, 0), "top and bottom bands are padding")
        manifest.input.resize = .centreCrop
        manifest.input.crop = 0.875
        let cropped = try EmbeddingInput(manifest: manifest).pixels(from: bytes)
        #expect((cropped.width, cropped.height) == (32, 32))
    }
}
