import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// `train triplet` end to end on a tiny IDX set on pixels: the saved head, its manifest and
/// checksum, eval beside its base, and the refusals.
@Suite struct TrainedHeadTests {
    /// A folder with train (`trainCount` images) and t10k (`testCount`) IDX files of two classes.
    static func idxFolder(_ directory: TemporaryDirectory, trainCount: Int = 60, testCount: Int = 20) throws -> String {
        let folder = directory.folder("idx")
        try Fixtures.writeIDXPair(in: folder, prefix: "train", count: trainCount, seed: 3)
        try Fixtures.writeIDXPair(in: folder, prefix: "t10k", count: testCount, seed: 4)
        return folder
    }

    static func context(_ directory: TemporaryDirectory) -> JobContext {
        JobContext(catalogPath: directory.child("catalog.sqlite"),
                   models: ModelLocator(modelsDirectory: directory.folder("models"), runtimeLibrary: directory.child("no-runtime.so")), workers: 1)
    }

    static let training = TripletTrainer.Configuration(hidden: [8], dimension: 4, epochs: 3, batchSize: 8, learningRate: 0.01, seed: 2)

    @Test func trainSaveAndEvaluate() throws {
        let directory = TemporaryDirectory()
        let folder = try Self.idxFolder(directory)
        let context = Self.context(directory)
        let epochs = EpochLog()
        let result = try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "tiny", training: Self.training,
                                  validationShare: 0.2, onEpoch: { epochs.append($0) }).run(in: context)
        #expect(result.trainExamples == 48 && result.validationExamples == 12 && result.classes == 2)
        #expect(result.epochs.count == 3 && epochs.count == 3)
        #expect(result.bestValidationPrecision == result.epochs[result.bestEpoch - 1].validation)

        let store = HeadStore(modelsDirectory: context.models.modelsDirectory)
        #expect(store.names() == ["tiny"])  // before the hard-negative head below
        let (manifest, head) = try store.load("tiny")
        #expect(manifest.base == .init(method: "pixels", fingerprint: "grey-thumbnail-16x16-bt601", dimension: 256))
        #expect(manifest.architecture.layers == [.dense(inputs: 256, outputs: 8), .relu, .dense(inputs: 8, outputs: 4), .l2Normalization])
        #expect(manifest.weights.sha256 == result.weightsSHA256 && manifest.weights.count == head.network.parameters.count)
        #expect(manifest.training.configuration == Self.training && manifest.training.trainExamples == 48)

        // Evaluated beside its base on the t10k file, the head gives unit-length 4-d vectors for every image.
        let evaluation = try EvalJob(dataset: folder, layout: .idx, methods: [.pixels, .head("tiny")], ks: [1]).run(in: context)
        #expect(evaluation.methods.map(\.method) == ["pixels", "tiny"])
        #expect(evaluation.methods[1].queries == 20 && evaluation.missingFeatures == [0, 0])

        // With hard negatives precomputed on the base features: saved in the manifest's configuration.
        var hard = Self.training
        hard.hardNegatives = 2
        _ = try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "tiny-hard", training: hard, validationShare: 0.2).run(in: context)
        #expect(try store.manifest("tiny-hard").training.configuration?.hardNegatives == 2)

        // A second head of the same name is refused; nothing is overwritten.
        #expect(throws: JobError.self) {
            try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "tiny", training: Self.training).run(in: context)
        }
        #expect(try store.manifest("tiny") == manifest)
    }

    @Test func damagedWeightsAndWrongBasesAreRefused() throws {
        let directory = TemporaryDirectory()
        let folder = try Self.idxFolder(directory)
        let context = Self.context(directory)
        _ = try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "h", training: Self.training).run(in: context)
        let store = HeadStore(modelsDirectory: context.models.modelsDirectory)
        let head = try store.load("h").head

        #expect(throws: HeadError.wrongDimension(head: "h", expected: 256, given: 3)) {
            try OpenedHead.apply(head, named: "h", to: [[1, 2, 3]])
        }
        let applied = try OpenedHead.apply(head, named: "h", to: [nil, [Float](repeating: 0.5, count: 256)])
        #expect(applied[0] == nil && applied[1]!.count == 4)
        #expect(abs(applied[1]!.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)

        let weights = (store.directory as NSString).appendingPathComponent("h.weights")
        var bytes = [UInt8](FileManager.default.contents(atPath: weights)!)
        bytes[0] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: weights))
        #expect(throws: HeadError.self) { try store.load("h") }
        do {
            _ = try store.load("h")
        } catch {
            guard case .checksumMismatch = error else { Issue.record("expected a checksum mismatch, got \(error)"); return }
        }
        #expect(throws: HeadError.notFound(name: "other", known: ["h"])) { try store.manifest("other") }
    }

    @Test func namesAndBadDataAreRefused() throws {
        #expect(throws: HeadError.self) { try HeadStore.validate(name: "../up", taken: []) }
        #expect(throws: HeadError.self) { try HeadStore.validate(name: ".hidden", taken: []) }
        #expect(throws: HeadError.self) { try HeadStore.validate(name: "pixels", taken: EvalMethod.names(models: [])) }
        try HeadStore.validate(name: "fashion-triplet_2.v1", taken: EvalMethod.names(models: []))

        let directory = TemporaryDirectory()
        let context = Self.context(directory)
        // One class only.
        let folder = directory.folder("one")
        directory.file("one/train-images-idx3-ubyte", bytes: Fixtures.idx([10, 4, 4], (0..<160).map { UInt8($0) }))
        directory.file("one/train-labels-idx1-ubyte", bytes: Fixtures.idx([10], [UInt8](repeating: 3, count: 10)))
        do {
            _ = try TrainJob(dataset: folder + "/train-images-idx3-ubyte", layout: .idx, base: .pixels, name: "one", training: Self.training).run(in: context)
            Issue.record("a one-class dataset was accepted")
        } catch {
            #expect(error.description == TrainingError.oneClass.description)
        }
        // A hash is not a base.
        #expect(throws: JobError.self) {
            try TrainJob(dataset: folder, layout: .idx, base: .hash(.pHash), name: "x", training: Self.training).run(in: context)
        }
        #expect(HeadStore(modelsDirectory: context.models.modelsDirectory).names().isEmpty)
    }
}

/// Epoch reports collected from the job's callback.
final class EpochLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [EpochReport] = []
    func append(_ report: EpochReport) { lock.withLock { reports.append(report) } }
    var count: Int { lock.withLock { reports.count } }
}
