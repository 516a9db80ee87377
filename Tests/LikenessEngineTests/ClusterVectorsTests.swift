import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `--method` for `cluster` and `map`: the vectors of every method are unit rows, hashes keep
/// their Hamming distances, pixels are the shared grey thumbnail, and the names parse once with
/// errors that list the valid ones.
@Suite(.serialized) struct ClusterVectorsTests {
    let folder = TemporaryDirectory("cluster-vectors")

    func context(_ name: String = "c.sqlite") -> JobContext {
        JobContext(catalogPath: folder.child(name), models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary),
                   workers: 2)
    }

    func rowNorms(_ vectors: ClusterVectors) -> [Float] {
        (0..<vectors.points.rows).map { r in (0..<vectors.points.columns).reduce(Float(0)) { $0 + vectors.points[r, $1] * vectors.points[r, $1] }.squareRoot() }
    }

    @Test("pixels: one unit row of 256 values per image, the shared thumbnail scaled to unit length")
    func pixelRows() throws {
        let root = folder.folder("px")
        let paths = try Fixtures.writeHalves(in: root, perKind: 3)
        let vectors = try ClusterVectors.load(folders: [root], method: .pixels, threads: 1, context: context("px.sqlite"))
        #expect(vectors.method == .pixels && vectors.points.rows == 6 && vectors.points.columns == 256)
        #expect(rowNorms(vectors).allSatisfy { abs($0 - 1) < 1e-5 }, "\(rowNorms(vectors))")
        let thumbnail = try GreyThumbnail()
        for (row, image) in vectors.images.enumerated() {
            let direct = GreyThumbnail.unit(try thumbnail.values(ofFile: Array(try Data(contentsOf: URL(fileURLWithPath: image.path))), path: image.path))
            #expect(vectors.points.row(row) == direct)
        }
        #expect(Set(vectors.images.map(\.path)) == Set(paths))
    }

    @Test("a bit hash: unit rows of ±1/√bits whose squared distance is 4·Hamming/bits of the stored hashes", arguments: [HashMethod.aHash, .pHash, .blockMean])
    func hashRows(method: HashMethod) throws {
        let root = folder.folder("h-\(method.rawValue)")
        try Fixtures.writeHalves(in: root, perKind: 3)
        let context = context("h-\(method.rawValue).sqlite")
        let vectors = try ClusterVectors.load(folders: [root], method: .hash(method), threads: 1, context: context)
        #expect(vectors.points.rows == 6)
        #expect(rowNorms(vectors).allSatisfy { abs($0 - 1) < 1e-5 })
        let stored = try Catalog(path: folder.child("h-\(method.rawValue).sqlite")).hashes(method)
        let hashes = vectors.images.map { stored[$0.id]! }
        let bits = Float(hashes[0].count)
        #expect(vectors.points.columns == hashes[0].count)
        for i in 0..<6 {
            for j in 0..<6 {
                let squared = (0..<vectors.points.columns).reduce(Float(0)) { $0 + pow(vectors.points[i, $1] - vectors.points[j, $1], 2) }
                #expect(abs(squared - 4 * Float(hashes[i].hammingDistance(to: hashes[j])) / bits) < 1e-4)
            }
        }
    }

    @Test("an all-black thumbnail has no length: it becomes the flat direction, still unit")
    func blackIsFlat() {
        let flat = GreyThumbnail.unit([Float](repeating: 0, count: 256))
        #expect(flat.allSatisfy { abs($0 - 1 / 16) < 1e-7 })
        let grey = GreyThumbnail.unit([Float](repeating: 40, count: 256))
        #expect(zip(flat, grey).allSatisfy { abs($0 - $1) < 1e-7 })
    }

    @Test("names: pixels, bit hashes and model ids parse; anything else is refused with every valid name")
    func parsing() throws {
        let models = ["efficientnet-lite0", "resnet-tiny"]
        #expect(try ClusterMethod(parsing: "pixels", models: models) == .pixels)
        #expect(try ClusterMethod(parsing: "pHash", models: models) == .hash(.pHash))
        #expect(try ClusterMethod(parsing: "resnet-tiny", models: models) == .model("resnet-tiny"))
        #expect(throws: JobError.self) { try ClusterMethod(parsing: "pixel", models: models) }
        do {
            _ = try ClusterMethod(parsing: "pixel", models: models)
        } catch {
            #expect(error.description == "unknown method 'pixel'; valid: pixels, ahash, dhash, phash, whash, blockmean, blockmean-overlap, efficientnet-lite0, resnet-tiny")
        }
        do {
            _ = try ClusterMethod(parsing: "radial", models: models)
            Issue.record("a continuous hash was taken")
        } catch {
            #expect(error.description.contains("radial is a continuous hash") && error.description.contains("valid methods: pixels, ahash"))
        }
    }

    @Test("--method and --model: the model alone, the method alone, both only when they agree")
    func resolving() throws {
        let models = ["efficientnet-lite0", "resnet-tiny"]
        #expect(try ClusterMethod.resolving(method: nil, model: nil, models: models) == .model(ModelDefaults.model))
        #expect(try ClusterMethod.resolving(method: nil, model: "resnet-tiny", models: models) == .model("resnet-tiny"))
        #expect(try ClusterMethod.resolving(method: "dhash", model: nil, models: models) == .hash(.dHash))
        #expect(try ClusterMethod.resolving(method: "resnet-tiny", model: "resnet-tiny", models: models) == .model("resnet-tiny"))
        for (method, model) in [("pixels", "resnet-tiny"), ("efficientnet-lite0", "resnet-tiny")] {
            do {
                _ = try ClusterMethod.resolving(method: method, model: model, models: models)
                Issue.record("--method \(method) --model \(model) was taken")
            } catch {
                #expect(error.description.contains("--method \(method) and --model \(model) disagree"))
            }
        }
    }

    @Test("settings carry the method; settings saved before --method read as made by their model")
    func settingsCompatibility() throws {
        let settings = ClusterSettings(algorithm: try ClusterOptions(k: 3).resolved(), method: .hash(.pHash), reduction: .none, folders: ["/a"])
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(settings)) as? [String: Any]
        #expect(encoded?["method"] as? String == "phash" && encoded?["model"] == nil)
        #expect(try JSONDecoder().decode(ClusterSettings.self, from: try JSONEncoder().encode(settings)) == settings)
        var old = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(
            ClusterSettings(algorithm: try ClusterOptions(k: 3).resolved(), method: .model("efficientnet-lite0"), reduction: .none, folders: []))) as? [String: Any])
        old["method"] = nil
        let decoded = try JSONDecoder().decode(ClusterSettings.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(decoded.method == .model("efficientnet-lite0") && decoded.model == "efficientnet-lite0")
    }
}
