import Foundation
import LikenessCore
@testable import LikenessLab
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct ProbeSplitTests {
    let folder = TemporaryDirectory("probe-split")

    /// Classes 0, 1, 2 with 8, 4 and 12 images, in a mixed order.
    static let data: EvalDataset = {
        var generator = SeededGenerator(seed: 9)
        let groups = (0..<24).map { $0 < 8 ? 0 : $0 < 12 ? 1 : 2 }.shuffled(using: &generator)
        return EvalDataset(paths: (0..<24).map { "\($0)" }, groups: groups, groupNames: ["a", "b", "c"])
    }()

    @Test("stratified split: a quarter of each class is held out, disjoint, reproducible, other seeds differ")
    func stratified() throws {
        let split = try ProbeSplit.stratified(Self.data)
        let testCounts = Dictionary(split.test.map { (Self.data.groups[$0], 1) }, uniquingKeysWith: +)
        #expect(testCounts == [0: 2, 1: 1, 2: 3])
        #expect(Set(split.train).isDisjoint(with: split.test) && split.train.count + split.test.count == 24)
        #expect(try ProbeSplit.stratified(Self.data).test == split.test)
        #expect(try ProbeSplit.stratified(Self.data, configuration: .init(seed: 2)).test != split.test)
    }

    @Test("limits keep a stratified subset: classes are taken in turn")
    func limits() throws {
        let split = try ProbeSplit.stratified(Self.data, configuration: .init(trainLimit: 7, testLimit: 3))
        #expect(split.train.count == 7 && split.test.count == 3)
        // Three classes in turn: 3 + 2 + 2 of the first seven, one test image of each class.
        #expect(Set(split.test.map { Self.data.groups[$0] }) == [0, 1, 2])
        let trainCounts = Dictionary(split.train.map { (Self.data.groups[$0], 1) }, uniquingKeysWith: +)
        #expect(trainCounts == [0: 3, 1: 2, 2: 2])
        #expect(ProbeSplit.roundRobin([[1, 2, 3], [7], [4, 5]], limit: nil) == [1, 2, 3, 4, 5, 7])
    }

    @Test("a class with one image and a single class are clear errors")
    func tooFew() {
        let lonely = EvalDataset(paths: ["0", "1", "2"], groups: [0, 0, 1], groupNames: ["many", "lonely"])
        #expect(throws: EvalError.tooFewImages(group: "lonely", count: 1, needed: 2)) { try ProbeSplit.stratified(lonely) }
        #expect(EvalError.tooFewImages(group: "lonely", count: 1, needed: 2).description.contains("class 'lonely' has 1 image;"))
        let single = EvalDataset(paths: ["0", "1"], groups: [0, 0], groupNames: ["only"])
        #expect(throws: EvalError.tooFewClasses(1)) { try ProbeSplit.stratified(single) }
    }

    @Test("an IDX folder trains on the train file and tests on the t10k file, first N of each")
    func idxPair() throws {
        func idx(_ dims: [Int], _ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = [0, 0, 0x08, UInt8(dims.count)]
            for d in dims { out += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
            return out + bytes
        }
        folder.file("train-images-idx3-ubyte", bytes: idx([6, 2, 2], (0..<24).map(UInt8.init)))
        folder.file("train-labels-idx1-ubyte", bytes: idx([6], [0, 1, 2, 0, 1, 2]))
        folder.file("t10k-images-idx3-ubyte", bytes: idx([4, 2, 2], (100..<116).map(UInt8.init)))
        folder.file("t10k-labels-idx1-ubyte", bytes: idx([4], [2, 1, 0, 2]))
        let split = try ProbeSplit.load(folder.path, layout: .idx, configuration: .init(trainLimit: 5, testLimit: 3))
        #expect(split.train == [0, 1, 2, 3, 4] && split.test == [5, 6, 7])
        #expect(split.test.map { split.dataset.groups[$0] } == [2, 1, 0])
        #expect(try #require(split.dataset.pixels)[5][0, 0] == (100, 100, 100))
        #expect(split.dataset.paths[5] == "t10k-images-idx3-ubyte#0")
    }
}

@Suite struct LinearProbeTests {
    @Test("features that carry the class give 100 %; hashes become ±1 vectors; failed images are skipped")
    func probe() throws {
        // Class c's feature is one-hot at c plus seeded noise; image 5 has no feature.
        var generator = SeededGenerator(seed: 4)
        let groups = (0..<30).map { $0 % 3 }
        let vectors: [[Float]?] = groups.enumerated().map { i, c in
            i == 5 ? nil : (0..<4).map { j in (j == c ? 3 : 0) + Float.random(in: -0.5...0.5, using: &generator) }
        }
        let data = EvalDataset(paths: groups.indices.map { "\($0)" }, groups: groups, groupNames: ["x", "y", "z"])
        let split = try ProbeSplit.stratified(data, configuration: .init(testFraction: 0.3))
        let result = try LinearProbe().run(method: "v", features: .vectors(vectors), split: split)
        #expect(result.trainAccuracy == 1 && result.testAccuracy == 1)
        #expect(result.skipped == 1 && result.trainImages + result.testImages == 29 && result.dimension == 4)

        let hash = BitHash(bits: [true, false, true])
        #expect(RetrievalEvaluation.Features.hashes([hash, nil]).vectors == [[1, -1, 1], nil])
    }

    @Test("the L2 strength is chosen on held-out training images; ties go to the stronger penalty")
    func strengthChoice() throws {
        var generator = SeededGenerator(seed: 5)
        let groups = (0..<40).map { $0 % 2 }
        let vectors: [[Float]?] = groups.map { c in [(c == 0 ? -2 : 2) + Float.random(in: -0.5...0.5, using: &generator), Float.random(in: -1...1, using: &generator)] }
        let data = EvalDataset(paths: groups.indices.map { "\($0)" }, groups: groups, groupNames: ["a", "b"])
        let split = try ProbeSplit.stratified(data)
        let swept = try LinearProbe(configuration: .init(l2Candidates: [0.0001, 0.01])).run(method: "v", features: .vectors(vectors), split: split)
        // Cleanly separable: both strengths score 100 % on the held-out part, so the stronger one is kept.
        #expect(swept.validation == [.init(l2: 0.0001, validationAccuracy: 1), .init(l2: 0.01, validationAccuracy: 1)])
        #expect(swept.l2 == 0.01 && swept.testAccuracy == 1)
        let single = try LinearProbe(configuration: .init(l2Candidates: [0.5])).run(method: "v", features: .vectors(vectors), split: split)
        #expect(single.l2 == 0.5 && single.validation.isEmpty)
    }

    @Test("no usable features in a split is an error that names the method")
    func noFeatures() throws {
        let data = EvalDataset(paths: ["0", "1", "2", "3"], groups: [0, 0, 1, 1], groupNames: ["a", "b"])
        let split = try ProbeSplit.stratified(data)
        #expect(throws: EvalError.self) { try LinearProbe().run(method: "v", features: .vectors([nil, nil, nil, nil]), split: split) }
    }
}

@Suite struct EvalMethodTests {
    @Test("names parse to methods; an unknown one lists every valid name")
    func parsing() throws {
        let parsed = try EvalMethod.list("pixels, histogram,phash,my-model", models: ["my-model"])
        #expect(parsed == [.pixels, .histogram, .hash(.pHash), .embedding("my-model")])
        #expect(parsed.map(\.name) == ["pixels", "histogram", "phash", "my-model"])
        do {
            _ = try EvalMethod.list("pixels,colour", models: ["my-model"])
            Issue.record("an unknown method must throw")
        } catch {
            #expect(error.given == "colour" && error.valid == ["pixels", "histogram", "histogram:chi2", "histogram:emd", "hog", "hog:CELL:BINS", "bovw", "bovw:K", "ahash", "dhash", "phash", "whash", "blockmean", "blockmean-overlap", "my-model",
                                                  "METHOD+METHOD (model ids, pixels, histogram, hog side by side)"])
        }
    }
}

@Suite struct FeatureExtractionTests {
    @Test("in-memory images: histogram, pixels and hash features have the documented sizes, in dataset order")
    func shapes() throws {
        let images = [Fixtures.solid(width: 20, height: 20, rgb: (255, 0, 0)), Fixtures.solid(width: 100, height: 80, rgb: (128, 128, 128))]
        let data = EvalDataset(paths: ["red", "grey"], groups: [0, 1], groupNames: ["r", "g"], pixels: images)
        let extraction = FeatureExtraction(configuration: .init(models: ModelLocator(modelsDirectory: "/nonexistent", runtimeLibrary: "/nonexistent"), workers: 2))
        let histograms = try extraction.features(.histogram, of: data).vectors
        // Solid red: all mass in bin 24; solid grey 128 (squashed to 64×64 first): grey bin 8.
        #expect(histograms[0]?.count == 88 && histograms[0]?[24] == 1 && histograms[1]?[8] == 1)
        let pixels = try extraction.features(.pixels, of: data).vectors
        #expect(pixels.map { $0?.count } == [256, 256] && abs((pixels[1]?[0] ?? 0) - 128) < 1)
        guard case .hashes(let hashes) = try extraction.features(.hash(.pHash), of: data) else { Issue.record("phash gives hashes"); return }
        #expect(hashes.map { $0?.count } == [64, 64])
        #expect(throws: JobError.self) { try extraction.features(.embedding("efficientnet-lite0"), of: data) }
    }
}
