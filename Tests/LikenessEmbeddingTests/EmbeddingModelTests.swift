import Foundation
import LikenessCore
import LikenessEmbedding
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct EmbeddingModelTests {
    let runtime: ONNXRuntime

    init() throws { runtime = try ONNXRuntime.load(libraryPath: TestModels.runtimeLibrary) }

    func defaultModel() throws -> ONNXEmbeddingModel {
        try ONNXEmbeddingModel(manifest: .efficientNetLite0, modelsDirectory: TestModels.modelsDirectory, runtime: runtime)
    }

    func tiny(_ name: String, edit: (inout ModelManifest) -> Void = { _ in }) throws -> ONNXEmbeddingModel {
        var manifest = try ModelManifest.load(from: TestModels.tinyManifest(name))
        edit(&manifest)
        return try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: TestModels.tinyDirectory, runtime: runtime)
    }

    func vector(_ result: Result<[Float], ItemFailure>) throws -> [Float] { try result.get() }

    @Test("default model: 1280-d unit vectors, identical images at cosine 1, different images apart")
    func defaultModelBehaviour() throws {
        let model = try defaultModel()
        #expect(model.dimension == 1280 && model.fingerprint == ModelManifest.efficientNetLite0.sha256)
        let a = Fixtures.pattern(width: 224, height: 224, seed: 1)
        let b = Fixtures.pattern(width: 224, height: 224, seed: 2)
        let results = try model.embed([a, a, b]).map(vector)
        #expect(results.allSatisfy { $0.count == 1280 && abs($0.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4 })
        #expect(results[0].cosineSimilarity(to: results[1]) > 0.9999)
        // Generated patterns are far from ImageNet photos, so the model finds them all rather alike;
        // real photos (re-encodes ≈ 0.997, unrelated ≈ 0.15) are measured in docs/benchmarks.md.
        #expect(results[0].cosineSimilarity(to: results[2]) < 0.99)
    }

    @Test("int8 copy of the default model: built in, unit vectors, each image nearest its own float vector")
    func int8Model() throws {
        #expect(ModelManifest.builtIn.map(\.id) == [ModelManifest.efficientNetLite0.id, ModelManifest.efficientNetLite0Int8.id])
        let int8 = try ONNXEmbeddingModel(manifest: .efficientNetLite0Int8, modelsDirectory: TestModels.modelsDirectory, runtime: runtime)
        #expect(int8.dimension == 1280 && int8.fingerprint == ModelManifest.efficientNetLite0Int8.sha256)
        let images = (1...3).map { Fixtures.pattern(width: 224, height: 224, seed: UInt64(40 + $0)) }
        let quantised = try int8.embed(images).map(vector)
        let float = try defaultModel().embed(images).map(vector)
        #expect(quantised.allSatisfy { $0.count == 1280 && abs($0.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4 })
        for (index, vector) in quantised.enumerated() {
            let nearest = float.indices.max { vector.cosineSimilarity(to: float[$0]) < vector.cosineSimilarity(to: float[$1]) }
            #expect(nearest == index, "image \(index)")
        }
    }

    @Test("pinned embedding of a generated fixture")
    func pinned() throws {
        let values = try vector(try defaultModel().embed([Fixtures.pattern(width: 224, height: 224, seed: 2024)])[0])
        let strongest = values.indices.max { values[$0] < values[$1] }!
        let sum = values.reduce(0, +)
        #expect(strongest == PinnedEmbedding.argmax)
        #expect(abs(values[strongest] - PinnedEmbedding.maximum) < 1e-3)
        #expect(abs(sum - PinnedEmbedding.sum) < 1e-2)
    }

    @Test("ViT-style (LayerNorm, GELU, attention, CLS) and ResNet-style (conv, BN, residual, GAP) graphs through manifests",
          arguments: [("vit-tiny", 32), ("resnet-tiny", 16)])
    func tinyGraphs(name: String, dimension: Int) throws {
        let model = try tiny(name)
        let images = (1...3).map { Fixtures.pattern(width: 32, height: 32, seed: UInt64($0)) }
        let batch = try model.embed(images).map(vector)
        #expect(batch.count == 3 && batch.allSatisfy { $0.count == dimension && $0.allSatisfy(\.isFinite) })
        // Batching does not change a vector.
        let single = try vector(try model.embed([images[1]])[0])
        #expect(single.cosineSimilarity(to: batch[1]) > 0.9999)
    }

    @Test("a model whose output is NaN fails per image with a typed reason")
    func nanOutput() throws {
        let results = try tiny("nan-tiny").embed([Fixtures.pattern(width: 32, height: 32, seed: 1)])
        guard case .failure(let failure) = results[0] else { Issue.record("NaN output was accepted"); return }
        #expect(failure.message.contains("NaN"))
        #expect(failure.kind == .unembeddable, "the model is at fault, not the file")
    }

    @Test("manifest mismatches are typed errors that say what differs")
    func mismatches() throws {
        func mismatch(_ edit: (inout ModelManifest) -> Void) -> String? {
            do { _ = try tiny("vit-tiny", edit: edit); return nil } catch let error as EmbeddingError {
                if case .manifestMismatch(_, let message) = error { return message }
                return "other: \(error)"
            } catch { return "other: \(error)" }
        }
        #expect(mismatch { $0.input.name = "image" }?.contains("no input named \"image\"") == true)
        #expect(mismatch { $0.input.dtype = .uint8 }?.contains("takes float32") == true)
        #expect(mismatch { $0.input.width = 64 }?.contains("shape") == true)
        #expect(mismatch { $0.input.layout = .nhwc }?.contains("shape") == true)
        #expect(mismatch { $0.output.name = "logits" }?.contains("no output named") == true)
        #expect(mismatch { $0.output.pooling = .none }?.contains("rank") == true)
        #expect(mismatch { $0.dimension = 64 }?.contains("features") == true)
    }

    @Test("missing file, wrong checksum and a missing runtime are typed errors")
    func loadErrors() throws {
        #expect(throws: EmbeddingError.missingModel(path: TestModels.tinyDirectory + "/gone.onnx", model: "vit-tiny")) {
            _ = try tiny("vit-tiny") { $0.file = "gone.onnx" }
        }
        do {
            _ = try tiny("vit-tiny") { $0.sha256 = String(repeating: "0", count: 64) }
            Issue.record("a wrong checksum was accepted")
        } catch let error as EmbeddingError {
            guard case .checksumMismatch = error else { Issue.record("expected checksumMismatch, got \(error)"); return }
        }
        #expect(throws: EmbeddingError.self) { _ = try ONNXRuntime.load(libraryPath: "/nonexistent/libonnxruntime.so") }
    }

    @Test("invalid manifests are refused with a reason")
    func invalidManifests() throws {
        let folder = TemporaryDirectory("manifests")
        let broken = folder.file("broken.json", bytes: Array(#"{"id": "x", "file": "x.onnx"}"#.utf8))
        #expect(throws: EmbeddingError.self) { _ = try ModelManifest.load(from: broken) }
        var manifest = ModelManifest.efficientNetLite0
        manifest.input.std = [1, 0, 1]
        #expect(throws: EmbeddingError.self) { try manifest.validate() }
        manifest = .efficientNetLite0
        manifest.id = "bad id!"
        #expect(throws: EmbeddingError.self) { try manifest.validate() }
    }
}

/// The default model's vector for `Fixtures.pattern(224, 224, seed: 2024)`, pinned on 2026-11-23
/// (ONNX Runtime 1.22.1, model SHA-256 b55bd8a0…). Regenerate only on purpose.
enum PinnedEmbedding {
    static let argmax = 897
    static let maximum: Float = 0.20738
    static let sum: Float = 12.98699
}
