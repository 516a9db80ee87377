import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessLearning
import LikenessTestSupport
import Synchronization
import Testing
@testable import LikenessLab

/// `train autoencoder` end to end on a folder of generated PNGs: the saved encoder and its manifest,
/// the encoder used as `--model NAME` by search and eval, `reconstruct`, and the refusals.
@Suite struct TrainedAutoencoderTests {
    static let architecture = AutoencoderArchitecture(side: 16, channels: 1, code: 8, widths: [4, 8])
    static let training = AutoencoderTrainer.Configuration(epochs: 4, batchSize: 8, learningRate: 3e-3, schedule: .constant, seed: 2)

    /// A folder of 20 images whose left half is bright and 20 whose top half is, and a context whose models live in the temporary folder.
    static func setUp() throws -> (directory: TemporaryDirectory, folder: String, context: JobContext) {
        let directory = TemporaryDirectory()
        let folder = directory.folder("halves")
        try Fixtures.writeHalves(in: folder, perKind: 20, size: 32)
        let context = JobContext(catalogPath: directory.child("catalog.sqlite"),
                                 models: ModelLocator(modelsDirectory: directory.folder("models"), runtimeLibrary: directory.child("no-runtime.so")),
                                 workers: 1)
        return (directory, folder, context)
    }

    @Test func trainSearchAndReconstruct() throws {
        let (directory, folder, context) = try Self.setUp()
        let epochs = Mutex<[AutoencoderTrainer.Epoch]>([])
        let result = try TrainAutoencoderJob(dataset: folder, name: "halves-ae", architecture: Self.architecture, training: Self.training,
                                             onEpoch: { epoch in epochs.withLock { $0.append(epoch) } }).run(in: context)
        #expect(result.trainImages == 36 && result.validationImages == 4 && result.failedReads == 0)
        #expect(result.epochs.count == 4 && epochs.withLock { $0.count } == 4)
        #expect(result.input == "16×16 grey" && result.code == 8)
        let first = try #require(result.epochs.first?.validation)
        #expect(result.validationLoss < first, "validation MSE \(first) → \(result.validationLoss)")

        let store = context.models.encoders
        #expect(store.names() == ["halves-ae"])
        let (manifest, autoencoder) = try store.load("halves-ae")
        #expect(manifest.architecture == Self.architecture && manifest.training.configuration == Self.training)
        #expect(manifest.weights.sha256 == result.weightsSHA256 && manifest.weights.count == autoencoder.parameters.count)
        #expect(context.models.embeddingNames().contains("halves-ae"))

        // The encoder is a model of its own: search ranks the query's own layout first.
        let query = (folder as NSString).appendingPathComponent("vertical/0.png")
        let search = try SearchJob(queries: [query], model: "halves-ae", k: 5).run(in: context)
        let matches = try #require(search.queries.first?.matches)
        #expect(matches.count == 5)
        #expect(matches.allSatisfy { $0.path.contains("/vertical/") }, "\(matches.map(\.path))")

        // Reconstruct writes a 16×16 image close to the input, and never overwrites.
        let out = directory.child("recon.png")
        let reconstruction = try ReconstructJob(encoder: "halves-ae", file: query, output: out, prepared: directory.child("input.png")).run(in: context)
        #expect(reconstruction.input == "16×16 grey" && reconstruction.meanSquaredError < first)
        let written = try ImageDecoder().decode([UInt8](FileManager.default.contents(atPath: out)!), to: .squash(width: 16, height: 16)).pixels
        #expect(written.width == 16 && written.height == 16)
        #expect(throws: JobError.self) { try ReconstructJob(encoder: "halves-ae", file: query, output: out).run(in: context) }

        // Evaluated beside pixels, through the same model path.
        let evaluation = try EvalJob(dataset: folder, methods: [.pixels, .embedding("halves-ae")], ks: [1]).run(in: context)
        #expect(evaluation.methods.map(\.method) == ["pixels", "halves-ae"] && evaluation.missingFeatures == [0, 0])

        // A second encoder of the same name is refused; nothing is overwritten.
        #expect(throws: JobError.self) {
            try TrainAutoencoderJob(dataset: folder, name: "halves-ae", architecture: Self.architecture, training: Self.training).run(in: context)
        }
        #expect(try store.manifest("halves-ae") == manifest)
        // Nor may a head take an encoder's name: --model NAME would not know which is meant.
        do {
            _ = try TrainJob(dataset: folder, base: .pixels, name: "halves-ae", training: TrainedHeadTests.training).run(in: context)
            Issue.record("a head named like an encoder must be refused")
        } catch {
            guard case .invalidInput(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("halves-ae"))
        }
        #expect(context.models.heads.names().isEmpty)
    }

    /// The training report's sample: held-out images first, the inputs as the encoder sees them, and
    /// reconstructions after the epochs shown, each closer to its input by the kept epoch than at the first.
    @Test func reportSampleIsReconstructedAfterTheShownEpochs() throws {
        let (directory, folder, context) = try Self.setUp()
        defer { withExtendedLifetime(directory) {} }
        let result = try TrainAutoencoderJob(dataset: folder, name: "halves-report", architecture: Self.architecture, training: Self.training,
                                             reportSample: 6).run(in: context)
        let reconstructions = try #require(result.reconstructions)
        // 40 images: 4 held out, so the sample is those 4 and 2 training images.
        #expect(reconstructions.paths.count == 6 && reconstructions.inputs.count == 6)
        #expect(reconstructions.inputs.allSatisfy { $0.width == 16 && $0.height == 16 })
        #expect(reconstructions.snapshots.map(\.epoch) == [1, 2, 3, 4])
        #expect(reconstructions.snapshots.allSatisfy { $0.images.count == 6 })
        func error(_ images: [PixelBuffer]) -> Double {
            zip(images, reconstructions.inputs).reduce(0.0) { sum, pair in
                sum + zip(pair.0.bytes, pair.1.bytes).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
            }
        }
        let first = error(reconstructions.snapshots[0].images), kept = error(reconstructions.snapshots[result.bestEpoch - 1].images)
        #expect(kept < first, "reconstruction error \(first) at epoch 1, \(kept) at the kept epoch \(result.bestEpoch)")
        // Without a sample nothing is kept, and the JSON never carries pixels.
        let plain = try TrainAutoencoderJob(dataset: folder, name: "halves-plain", architecture: Self.architecture, training: Self.training).run(in: context)
        #expect(plain.reconstructions == nil)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!json.contains("reconstructions") && json.contains("\"bestEpoch\""))
    }

    @Test func shownEpochsSpreadOverLongRuns() {
        #expect(TrainingReconstructions.epochsShown(of: 3) == [1, 2, 3])
        #expect(TrainingReconstructions.epochsShown(of: 8) == Set(1...8))
        let long = TrainingReconstructions.epochsShown(of: 50)
        #expect(long.count == 8 && long.contains(1) && long.contains(50))
    }

    @Test func sampleSpreadsOverHeldOutImagesFirst() {
        #expect(TrainingReconstructions.sample(3, held: [10, 20, 30, 40, 50, 60], train: [1, 2]) == [10, 30, 50])
        #expect(TrainingReconstructions.sample(4, held: [10, 20], train: [1, 2, 3, 4]) == [10, 20, 1, 3])
        #expect(TrainingReconstructions.sample(9, held: [10], train: [1, 2]) == [10, 1, 2])
        #expect(TrainingReconstructions.sample(0, held: [10], train: [1]).isEmpty)
    }

    @Test func wrongInputsAndDamageAreRefused() throws {
        let (directory, folder, context) = try Self.setUp()
        var quick = Self.training
        quick.epochs = 1
        _ = try TrainAutoencoderJob(dataset: folder, name: "ae", architecture: Self.architecture, training: quick).run(in: context)
        let opened = try context.models.open("ae")
        let model = try #require(opened.base as? AutoencoderEmbeddingModel)
        #expect(opened.dimension == 8 && model.inputSize == (16, 16))

        // Images of another size than it was trained on: a typed error, and a per-image failure in embed.
        #expect(throws: EncoderError.wrongInput(encoder: "ae", trainedOn: "16×16 grey", given: "32×32")) {
            try model.row(Fixtures.halves(size: 32, vertical: true, seed: 1))
        }
        let results = try model.embed([Fixtures.halves(size: 32, vertical: true, seed: 1), Fixtures.halves(size: 16, vertical: true, seed: 1)])
        #expect((try? results[0].get()) == nil)
        let vector = try results[1].get()
        #expect(vector.count == 8 && abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)

        // Architectures that cannot be built, unknown names and damaged weights.
        let odd = AutoencoderArchitecture(side: 18, channels: 1, code: 8, widths: [4, 8])
        #expect(throws: JobError.self) { try TrainAutoencoderJob(dataset: folder, name: "odd", architecture: odd, training: quick).run(in: context) }
        #expect(throws: JobError.self) { try context.models.openEncoder("missing") }
        let weights = (context.models.encoders.directory as NSString).appendingPathComponent("ae.weights")
        var bytes = [UInt8](FileManager.default.contents(atPath: weights)!)
        bytes[0] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: weights))
        #expect(throws: EncoderError.self) { try context.models.encoders.load("ae") }
        _ = directory
    }
}
