import Foundation
import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessEmbedding
import LikenessImaging
import LikenessLearning
import LikenessNumerics
import LikenessTestSupport
import Testing

/// A saved embedding head named as `--model`: every job reads its base model's stored vectors and
/// maps them by the head, a query outside the catalog goes through base then head, and a head that
/// does not fit its base is refused with a typed error.
@Suite(.serialized) struct HeadAsModelTests {
    let folder = TemporaryDirectory("head-as-model")

    /// A models folder with the tiny ResNet registered, so heads can sit beside it.
    func locator() throws -> ModelLocator {
        let locator = ModelLocator(modelsDirectory: folder.folder("models"), runtimeLibrary: TestModels.runtimeLibrary)
        if (try? locator.registry.manifest("resnet-tiny")) == nil {
            try locator.registry.add(manifestAt: TestModels.tinyManifest("resnet-tiny"))
        }
        return locator
    }

    func context() throws -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"), models: try locator(), workers: 2)
    }

    /// Saves a random head `name` taking `width` values, as `train triplet` would have saved it on `base`.
    @discardableResult
    func saveHead(_ name: String, base: String, fingerprint: String, width: Int, seed: UInt64 = 5) throws -> EmbeddingHead {
        let network = try Network(inputWidth: width, layers: [.dense(inputs: width, outputs: 6), .tanh, .dense(inputs: 6, outputs: 4), .l2Normalization],
                                  seed: seed)
        let standardizer = Standardizer(mean: (0..<width).map { Float($0) * 0.001 }, scale: [Float](repeating: 2, count: width))
        let bytes = HeadStore.weightBytes(network)
        let manifest = HeadManifest(
            format: HeadManifest.currentFormat, name: name, kind: .embedding, base: .init(method: base, fingerprint: fingerprint, dimension: width),
            architecture: .init(inputWidth: width, layers: network.layers, outputWidth: network.outputWidth, parameters: network.parameters.count),
            standardizer: standardizer,
            training: .init(loss: "triplet", dataset: "none", layout: "idx", classes: 2, trainExamples: 0, validationExamples: 0,
                            configuration: TripletTrainer.Configuration(), threads: 1),
            validation: .init(k: 5, basePrecision: 0, bestPrecision: 0, bestEpoch: 1, epochs: []),
            weights: .init(file: name + ".weights", format: "float32-le", count: network.parameters.count, sha256: SHA256.hash(bytes).hex),
            created: "2026-01-01T00:00:00Z")
        _ = try HeadStore(modelsDirectory: try locator().modelsDirectory).save(manifest, weights: bytes)
        return try EmbeddingHead(standardizer: standardizer, network: network)
    }

    /// Three blurred patterns for training, a half-size copy of the first and a fourth pattern for testing.
    func photos() throws -> (train: String, test: String) {
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let train = folder.folder("photos/train"), test = folder.folder("photos/test")
        _ = folder.folder("outside")
        for seed in 1...4 {
            let image = try editor.apply(.blur(sigma: 6), to: Fixtures.pattern(width: 240, height: 160, seed: UInt64(seed)))
            try encoder.write(image, to: folder.child(seed == 4 ? "photos/test/4.png" : "photos/train/\(seed).png"))
            if seed == 1 {
                let half = try editor.resized(image, to: .fit(width: 120, height: 80))
                try encoder.write(half, to: folder.child("photos/test/1-half.png"))
                try encoder.write(half, to: folder.child("outside/q.png"))
            }
        }
        return (train, test)
    }

    @Test("search, cluster vectors, dupes, leakage, novelty and calibrate take a head as --model")
    func everyJobTakesAHead() throws {
        let (train, test) = try photos()
        let context = try context()
        let base = try context.models.open("resnet-tiny")
        let head = try saveHead("tiny-head", base: "resnet-tiny", fingerprint: base.base.fingerprint, width: base.base.dimension)
        #expect(context.models.embeddingNames() == ModelManifest.builtIn.map(\.id) + ["resnet-tiny", "tiny-head"])
        _ = try ScanJob(roots: [folder.child("photos")]).run(in: context)

        // The head's vectors, computed here from the base's by the network itself.
        _ = try EmbedJob(folders: [folder.child("photos")], model: "tiny-head").run(in: context)
        let catalog = try context.openCatalog(for: .readingAndFilling)
        let stored = try catalog.embeddings(model: "resnet-tiny", fingerprint: base.base.fingerprint)
        let byPath = Dictionary(uniqueKeysWithValues: try catalog.usableImages(under: nil).map { ($0.path, $0.id) })
        func headVector(_ path: String) -> [Float] {
            let vector = stored[byPath[path]!]!
            return head.network(Matrix(rows: 1, columns: vector.count, values: head.standardizer.apply(vector))).row(0)
        }
        func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

        let query = folder.child("photos/test/1-half.png")
        let search = try SearchJob(queries: [query, folder.child("outside/q.png")], model: "tiny-head", k: 4).run(in: context)
        let matches = try #require(search.queries.first { $0.query == query }).matches
        #expect(matches.count == 4)
        for match in matches {
            #expect(abs(match.similarity! - dot(headVector(query), headVector(match.path))) < 1e-4, "\(match.path)")
        }
        // The head changes the similarities (else this test would not show it was applied): the
        // farthest match (the nearest, 1.png, is the same picture at twice the size, cosine 1 either way).
        let baseLast = dot(stored[byPath[query]!]!, stored[byPath[matches[3].path]!]!)
        #expect(abs(baseLast - matches[3].similarity!) > 1e-3)
        // A query outside the catalog is embedded by the base, then the head: the same picture as
        // 1-half.png, so its head vector equals the stored one's.
        let outside = try #require(search.queries.first { $0.query == folder.child("outside/q.png") }).matches
        let copy = try #require(outside.first { $0.path == query })
        #expect(abs(copy.similarity! - 1) < 1e-4)

        // Cluster and map read their vectors through the same path.
        let vectors = try ClusterVectors.load(folders: [folder.child("photos")], method: .model("tiny-head"), threads: 1, context: context)
        #expect(vectors.method == .model("tiny-head") && vectors.points.columns == 4)
        for (row, image) in vectors.images.enumerated() {
            #expect(zip(vectors.points.row(row), headVector(image.path)).allSatisfy { abs($0 - $1) < 1e-4 })
        }
        let clustered = try ClusterJob(folders: [folder.child("photos")], algorithm: .kmeans(.init(k: 2)), method: .model("tiny-head")).run(in: context)
        #expect(clustered.points == 5)

        guard case .embedding(let dupes) = try DupesJob(folders: [folder.child("photos")], model: "tiny-head").run(in: context) else {
            Issue.record("dupes gave no embedding result"); return
        }
        #expect(dupes.model == "tiny-head" && dupes.images == 5)
        _ = try LeakageJob(train: train, test: test, model: "tiny-head").run(in: context)
        let novelty = try NoveltyJob(reference: train, query: test, threshold: 0.5, model: "tiny-head").run(in: context)
        let nearest = try #require(novelty.queries.first { $0.query == query })
        #expect(abs(nearest.similarity - dot(headVector(query), headVector(nearest.nearest!))) < 1e-4)

        let pairs = folder.file("pairs.csv", bytes: Array("""
            path_a,path_b,label
            \(query),\(train)/1.png,same
            \(train)/2.png,\(train)/3.png,different
            \(test)/4.png,\(train)/1.png,different
            """.utf8))
        let calibrated = try CalibrateJob(source: .pairs(file: pairs), method: "tiny-head", calibration: .init(resamples: 0, allowSmall: true)).run(in: context)
        #expect(calibrated.calibration.method == "tiny-head" && calibrated.calibration.positives == 1 && calibrated.calibration.negatives == 2)
    }

    @Test("a head on another base, of another width, on pixels or of another kind is refused with a typed error")
    func misfitsAreRefused() throws {
        let context = try context()
        let base = try context.models.open("resnet-tiny").base
        try saveHead("stale", base: "resnet-tiny", fingerprint: String(repeating: "0", count: 64), width: base.dimension)
        try saveHead("narrow", base: "resnet-tiny", fingerprint: base.fingerprint, width: base.dimension + 1)
        try saveHead("on-pixels", base: "pixels", fingerprint: "grey-thumbnail-16x16-bt601", width: 256)
        #expect(!context.models.embeddingNames().contains("on-pixels"))
        func headError(_ name: String) -> HeadError? {
            do { _ = try context.models.open(name) } catch {
                if case .head(let error) = error { return error }
                Issue.record("\(name): \(error)")
            }
            return nil
        }
        guard case .wrongFingerprint(head: "stale", base: "resnet-tiny", _, _)? = headError("stale") else { Issue.record("stale"); return }
        #expect(headError("narrow") == .wrongDimension(head: "narrow", expected: base.dimension + 1, given: base.dimension))
        guard case .baseNotAModel(head: "on-pixels", base: "pixels", _)? = headError("on-pixels") else { Issue.record("on-pixels"); return }
    }

    /// Saves a random pair scorer `name` on the tiny ResNet, as `train siamese` would have saved it.
    func saveScorer(_ name: String, base: any EmbeddingModel) throws -> SiameseScorer {
        let width = base.dimension
        let tower = try Network(inputWidth: width, layers: [.dense(inputs: width, outputs: 5), .tanh], seed: 11)
        let fusion = try Network(inputWidth: 3, layers: [.dense(inputs: 3, outputs: 1), .sigmoid], seed: 12)
        let standardizer = Standardizer(mean: [Float](repeating: 0, count: width), scale: [Float](repeating: 0.5, count: width))
        let bytes = HeadStore.weightBytes(tower.parameters + fusion.parameters)
        let manifest = HeadManifest(
            format: HeadManifest.currentFormat, name: name, kind: .scorer, base: .init(method: base.id, fingerprint: base.fingerprint, dimension: width),
            architecture: .init(inputWidth: width, layers: tower.layers, outputWidth: 5, parameters: bytes.count / 4, fusion: fusion.layers),
            standardizer: standardizer,
            training: .init(loss: "binary-cross-entropy", dataset: "none", layout: "pairs", classes: 2, trainExamples: 0, validationExamples: 0,
                            configuration: nil, scorer: SiameseTrainer.Configuration(), threads: 1),
            validation: .init(k: 0, basePrecision: 0, bestPrecision: 0, bestEpoch: 1, epochs: []),
            weights: .init(file: name + ".weights", format: "float32-le", count: bytes.count / 4, sha256: SHA256.hash(bytes).hex),
            created: "2026-01-01T00:00:00Z")
        _ = try HeadStore(modelsDirectory: try locator().modelsDirectory).save(manifest, weights: bytes)
        return try SiameseScorer(standardizer: standardizer, tower: tower, fusion: fusion)
    }

    @Test("compare --scorer and calibrate --method scorer:NAME score pairs by the scorer on its base's vectors")
    func scorerScoresPairs() throws {
        let (train, test) = try photos()
        let context = try context()
        let base = try context.models.open("resnet-tiny").base
        let scorer = try saveScorer("tiny-scorer", base: base)
        let a = "\(test)/1-half.png", b = "\(train)/1.png"
        let rows = try CompareJob(a: a, b: b, model: nil, scorer: "tiny-scorer").run(in: context)
        let row = try #require(rows.last)
        var vectors: [[Float]] = []
        _ = try BatchEmbedder(model: base).embed([ImageSource(path: a), ImageSource(path: b)], input: try context.models.open("resnet-tiny").input) {
            for outcome in $0 { vectors.append(try outcome.result.get()) }
        }
        let expected = scorer.probabilities(Matrix(rows: 1, columns: base.dimension, values: vectors[0]),
                                            Matrix(rows: 1, columns: base.dimension, values: vectors[1]))[0]
        #expect(row.method == "scorer:tiny-scorer (probability)" && abs(row.similarity! - Double(expected)) < 1e-5)
        #expect(row.duplicate == (expected >= 0.5))

        let pairs = folder.file("scorer-pairs.csv", bytes: Array("""
            \(a),\(b),1
            \(train)/2.png,\(train)/3.png,0
            \(test)/4.png,\(train)/1.png,0
            \(test)/4.png,\(train)/2.png,
            """.utf8))
        let calibrated = try CalibrateJob(source: .pairs(file: pairs), method: "scorer:tiny-scorer", calibration: .init(resamples: 0, allowSmall: true)).run(in: context)
        #expect(calibrated.calibration.method == "scorer:tiny-scorer" && calibrated.calibration.scale == .probability)
        #expect(calibrated.calibration.positives == 1 && calibrated.calibration.negatives == 2 && calibrated.unlabelled == 1)

        // An embedding head is not a scorer, and a scorer is not a --model.
        try saveHead("an-embedding", base: "resnet-tiny", fingerprint: base.fingerprint, width: base.dimension)
        do { _ = try context.models.openScorer("an-embedding"); Issue.record("an embedding head scored pairs") } catch {
            guard case .head(.wrongKind(head: "an-embedding", kind: .embedding, needed: .scorer)) = error else { Issue.record("\(error)"); return }
        }
        do { _ = try context.models.open("tiny-scorer"); Issue.record("a scorer stood in for a model") } catch {
            guard case .head(.wrongKind(head: "tiny-scorer", kind: .scorer, needed: .embedding)) = error else { Issue.record("\(error)"); return }
        }
    }
}
