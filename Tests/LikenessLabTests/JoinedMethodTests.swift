import Foundation
import LikenessCore
import LikenessEngine
import LikenessHashing
import LikenessLearning
import LikenessNumerics
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// Joined methods (`efficientnet-lite0+pixels`): parsing and its refusals, the join itself, the
/// features of a joined method, and a head trained on one.
@Suite struct JoinedMethodTests {
    @Test func parsesPartsAndRefusesWhatCannotBeJoined() throws {
        let joined = try EvalMethod(parsing: "my-model+pixels+hog:8:9", models: ["my-model"])
        #expect(joined == .joined([.embedding("my-model"), .pixels, .hog(try HOG(cellSize: 8, bins: 9))]))
        #expect(joined.name == "my-model+pixels+hog:8:9" && joined.featureKind == .real && joined.defaultMetric == .cosine)
        #expect(try EvalMethod(parsing: "pixels+histogram", models: []).featureKind == .nonNegative)
        // A model whose id holds a plus is the model, not a join.
        #expect(try EvalMethod(parsing: "a+b", models: ["a+b"]) == .embedding("a+b"))
        for bad in ["pixels+", "+pixels", "pixels+pixels", "pixels+phash", "pixels+bovw", "pixels+histogram:chi2", "pixels+colour"] {
            #expect(throws: UnknownNameError.self, "\(bad)") { try EvalMethod(parsing: bad, models: ["my-model"]) }
        }
    }

    @Test func joinScalesEveryPartToUnitLength() {
        let joined = EvalMethod.join([[[3, 4], [1, 0], nil, [0, 0]], [[0, 2, 0], [0, 0, 5], [1, 1, 1], [1, 0, 0]]])
        #expect(joined[0] == [0.6, 0.8, 0, 1, 0] && joined[1] == [1, 0, 0, 0, 1])
        // An image missing a part, or with a part of zero length, has no joined feature.
        #expect(joined[2] == nil && joined[3] == nil)
        // Two unit parts: the cosine of joined vectors is the mean of the parts' cosines.
        let a = EvalMethod.join([[[1, 0]], [[0, 1]]])[0]!, b = EvalMethod.join([[[1, 0]], [[1, 0]]])[0]!
        let dot = zip(a, b).map(*).reduce(0, +), norms = (a.map { $0 * $0 }.reduce(0, +) * b.map { $0 * $0 }.reduce(0, +)).squareRoot()
        #expect(abs(dot / norms - (1 + 0) / 2) < 1e-6)
    }

    @Test func featuresOfAJoinedMethodAreItsPartsJoined() throws {
        let images = [Fixtures.solid(width: 20, height: 20, rgb: (255, 0, 0)), Fixtures.solid(width: 40, height: 30, rgb: (10, 200, 90))]
        let data = EvalDataset(paths: ["red", "green"], groups: [0, 1], groupNames: ["r", "g"], pixels: images)
        let extraction = FeatureExtraction(configuration: .init(models: ModelLocator(modelsDirectory: "/nonexistent", runtimeLibrary: "/nonexistent"), workers: 2))
        let pixels = try extraction.features(.pixels, of: data).vectors, histogram = try extraction.features(.histogram, of: data).vectors
        let joined = try extraction.features(.joined([.pixels, .histogram]), of: data).vectors
        #expect(joined.map { $0?.count } == [256 + 88, 256 + 88])
        #expect(joined == EvalMethod.join([pixels, histogram]))
        // Parts already computed for other methods of the same data are reused.
        let reused = try extraction.features(.joined([.pixels, .histogram]), of: data, known: [.pixels: .vectors([[1], [2]])]).vectors
        #expect(reused == EvalMethod.join([[[1], [2]], histogram]))
    }

    @Test func aHeadTrainsOnAJoinedBase() throws {
        let directory = TemporaryDirectory()
        let folder = try TrainedHeadTests.idxFolder(directory)
        let context = TrainedHeadTests.context(directory)
        let base = EvalMethod.joined([.pixels, .histogram])
        _ = try TrainJob(dataset: folder, layout: .idx, base: base, name: "joined-head", training: TrainedHeadTests.training, validationShare: 0.2)
            .run(in: context)
        let manifest = try HeadStore(modelsDirectory: context.models.modelsDirectory).manifest("joined-head")
        #expect(manifest.base == .init(method: "pixels+histogram", fingerprint: "grey-thumbnail-16x16-bt601+hsv-histogram-88", dimension: 344))
        let evaluation = try EvalJob(dataset: folder, layout: .idx, methods: [base, .head("joined-head")], ks: [1]).run(in: context)
        #expect(evaluation.methods.map(\.method) == ["pixels+histogram", "joined-head"] && evaluation.missingFeatures == [0, 0])
    }

    @Test func evalReadsCachedFeaturesOfMethodsAndHeadBases() throws {
        let directory = TemporaryDirectory()
        let folder = try TrainedHeadTests.idxFolder(directory)
        let context = TrainedHeadTests.context(directory)
        let cache = directory.folder("cache")
        let base = EvalMethod.joined([.pixels, .histogram])
        _ = try TrainJob(dataset: folder, layout: .idx, base: base, name: "cached-head", training: TrainedHeadTests.training,
                         validationShare: 0.2, featureCache: cache).run(in: context)
        // Training cached the parts and the joined base for train + t10k (60 + 20 rows).
        for name in ["pixels", "histogram", "pixels+histogram"] {
            #expect(try NumpyFile.readMatrix((cache as NSString).appendingPathComponent(name + ".npy")).rows == 80)
        }
        let methods: [EvalMethod] = [base, .head("cached-head"), .pixels]
        let fresh = try EvalJob(dataset: folder, layout: .idx, methods: methods, ks: [1, 5]).run(in: context)
        let cached = try EvalJob(dataset: folder, layout: .idx, methods: methods, ks: [1, 5], featureCache: cache).run(in: context)
        // The cached rows are the t10k file's: the same scores as computing them again.
        #expect(cached.methods.map(\.method) == fresh.methods.map(\.method))
        for (a, b) in zip(cached.methods, fresh.methods) {
            #expect(a.precision == b.precision && a.meanAveragePrecision == b.meanAveragePrecision, "\(a.method)")
        }
        // A damaged cache is read, not silently recomputed: a file of the wrong length is an error.
        try NumpyFile.write(Matrix(zeros: 3, columns: 256), to: (cache as NSString).appendingPathComponent("pixels.npy"))
        #expect(throws: JobError.self) {
            try EvalJob(dataset: folder, layout: .idx, methods: [.pixels], ks: [1], featureCache: cache).run(in: context)
        }
    }
}

