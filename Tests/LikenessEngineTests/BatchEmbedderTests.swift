import LikenessCore
@testable import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct BatchEmbedderTests {
    /// Distinct solid colours, one per image, so each vector says which image it came from.
    static let images: [PixelBuffer] = (0..<11).map { (n: Int) -> PixelBuffer in
        let (red, green): (UInt8, UInt8) = (UInt8(20 + 20 * n), UInt8(200 - 15 * n))
        return Fixtures.solid(width: 8, height: 8, rgb: (red, green, 90))
    }

    /// Every outcome delivered by an embedder, in delivery order.
    func outcomes(_ embedder: BatchEmbedder, images: [PixelBuffer] = images) throws -> [BatchEmbedder.Outcome] {
        var delivered: [BatchEmbedder.Outcome] = []
        _ = try embedder.embed(count: images.count, prepare: { images[$0] }) { delivered += $0 }
        return delivered
    }

    @Test("a batch cut into parts run at once gives each image its own vector, in order", arguments: [2, 3, 7])
    func partsKeepOrder(workers: Int) throws {
        let model = MeanColourModel()
        let delivered = try outcomes(BatchEmbedder(model: model, batchSize: 5, modelWorkers: workers))
        #expect(delivered.map(\.index) == Array(0..<11))
        for (index, result) in delivered {
            #expect(try result.get() == model.embed([Self.images[index]])[0].get(), "image \(index)")
        }
    }

    @Test("one ONNX Runtime session run from several threads gives the vectors one thread gives")
    func onnxSessionShared() throws {
        let (model, _) = try TestModels.tinyResNet()
        let pictures = (0..<12).map { Fixtures.pattern(width: 32, height: 32, seed: UInt64($0 + 1)) }
        let alone = try outcomes(BatchEmbedder(model: model, batchSize: 6), images: pictures)
        let shared = try outcomes(BatchEmbedder(model: model, batchSize: 6, modelWorkers: 2), images: pictures)
        #expect(shared.map(\.index) == alone.map(\.index))
        for (a, b) in zip(alone, shared) {
            #expect(try a.result.get().cosineSimilarity(to: b.result.get()) > 0.9999, "image \(a.index)")
        }
    }

    @Test("model parts by default: the cores shared out among each run's threads, at least one; an opened model says its threads")
    func defaultParts() throws {
        let cores = EmbeddingIndexer.perCore
        #expect(EmbeddingIndexer.modelParts(threads: 1) == cores)
        #expect(EmbeddingIndexer.modelParts(threads: 0) == cores)
        #expect(EmbeddingIndexer.modelParts(threads: cores) == 1)
        #expect(EmbeddingIndexer.modelParts(threads: cores * 4) == 1)
        let folder = TemporaryDirectory("parts")
        let locator = ModelLocator(modelsDirectory: folder.folder("models"), runtimeLibrary: TestModels.runtimeLibrary)
        try locator.registry.add(manifestAt: TestModels.tinyManifest("resnet-tiny"))
        #expect(try locator.open("resnet-tiny", threads: 2).threads == 2)
        #expect(try locator.open("resnet-tiny").threads == 1)
    }

    @Test("a model that throws in one part stops the run with its error")
    func throwingPart() throws {
        struct Broken: Error, Equatable {}
        struct FailsOnRed: EmbeddingModel {
            var id: String { "fails-on-red" }
            var fingerprint: String { "0" }
            var dimension: Int { 3 }
            var inputSize: (width: Int, height: Int) { (8, 8) }
            func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
                if images.contains(where: { $0.bytes.first == 255 }) { throw Broken() }
                return try MeanColourModel().embed(images)
            }
        }
        var images = Self.images
        images[9] = Fixtures.solid(width: 8, height: 8, rgb: (255, 0, 0))
        #expect(throws: Broken()) { try outcomes(BatchEmbedder(model: FailsOnRed(), batchSize: 11, modelWorkers: 3), images: images) }
    }
}
