import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessLearning
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// `train contrastive DIR --unlabelled` end to end on a folder of generated patterns with the tiny
/// ResNet as base: views drawn and labelled by image, whole images held out, the saved head used as
/// `--model NAME`, bad files left out, and the refusals.
@Suite(.serialized) struct UnlabelledHeadTests {
    static let training = TripletTrainer.Configuration(hidden: [12], dimension: 6, epochs: 3, batchSize: 12, margin: .init(start: 1, end: 1),
                                                       learningRate: 0.01, seed: 3, objective: .contrastive)
    static let views = UnlabelledViews(views: 3, augmentations: [.crop, .flip, .jitter])

    /// A folder of `count` different patterns and a context whose models folder has the tiny ResNet.
    static func setUp(count: Int = 12) throws -> (directory: TemporaryDirectory, folder: String, context: JobContext) {
        let directory = TemporaryDirectory()
        let folder = directory.folder("patterns")
        for i in 0..<count { _ = try Fixtures.writePattern(to: (folder as NSString).appendingPathComponent("p\(i).png"), seed: UInt64(i + 1)) }
        let models = ModelLocator(modelsDirectory: directory.folder("models"), runtimeLibrary: TestModels.runtimeLibrary)
        try models.registry.add(manifestAt: TestModels.tinyManifest("resnet-tiny"))
        return (directory, folder, JobContext(catalogPath: directory.child("catalog.sqlite"), models: models, workers: 2))
    }

    @Test func trainsOnViewsAndIsUsedAsAModel() throws {
        let (directory, folder, context) = try Self.setUp()
        defer { withExtendedLifetime(directory) {} }
        // A file that is not an image is the scan's typed failure, not a training row.
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("broken.png")))
        let result = try TrainJob(dataset: folder, unlabelled: Self.views, base: .embedding("resnet-tiny"), name: "patterns-u",
                                  training: Self.training, validationShare: 0.25).run(in: context)
        // 12 images: 3 held out whole, 9 trained on, 3 rows each.
        #expect(result.views == 3 && result.imagesLeftOut == 0)
        #expect(result.trainExamples == 27 && result.validationExamples == 9 && result.classes == 12)
        #expect(result.measure == "P@2" && result.epochs.count == 3)
        #expect(result.bestValidationPrecision == result.epochs.compactMap(\.validation).max())

        let manifest = try HeadStore(modelsDirectory: context.models.modelsDirectory).manifest("patterns-u")
        #expect(manifest.training.layout == "unlabelled" && manifest.training.views == Self.views)
        #expect(manifest.training.loss == "contrastive" && manifest.validation.k == 2)

        // The head is a model: a copy of p4 outside the folder (embedded by base then head) finds p4
        // (the catalog's stored base vector, mapped by the head) first, at cosine 1.
        let query = directory.child("copy-of-p4.png")
        try FileManager.default.copyItem(atPath: (folder as NSString).appendingPathComponent("p4.png"), toPath: query)
        let search = try SearchJob(queries: [query], model: "patterns-u", k: 3).run(in: context)
        let matches = try #require(search.queries.first?.matches)
        #expect(matches.first?.path.hasSuffix("/p4.png") == true, "\(matches.map(\.path))")
        #expect(abs((matches.first?.similarity ?? 0) - 1) < 1e-4)

        // dupes with the head warns that its thresholds were measured for the default model, unless
        // the user chose one; the default model itself is not warned about.
        func warnings(model: String, accept: Float? = nil) throws -> [String] {
            var configuration = DuplicateConfiguration(minimumInliers: 0)
            if let accept { configuration.acceptCosine = accept }
            guard case .embedding(let result) = try DupesJob(folders: [folder], mode: .embedding(configuration), model: model).run(in: context)
            else { Issue.record("an embedding result was expected"); return [] }
            return result.warnings ?? []
        }
        #expect(try warnings(model: "patterns-u").contains { $0.contains("patterns-u was trained here") && $0.contains("--calibration") })
        #expect(try warnings(model: "patterns-u", accept: 0.99).allSatisfy { !$0.contains("trained here") })
        #expect(try warnings(model: "resnet-tiny").allSatisfy { !$0.contains("trained here") })
    }

    @Test func trainingRepeatsBitForBit() throws {
        let (directory, folder, context) = try Self.setUp()
        defer { withExtendedLifetime(directory) {} }
        let first = try TrainJob(dataset: folder, unlabelled: Self.views, base: .embedding("resnet-tiny"), name: "a",
                                 training: Self.training, validationShare: 0.25).run(in: context)
        let second = try TrainJob(dataset: folder, unlabelled: Self.views, base: .embedding("resnet-tiny"), name: "b",
                                  training: Self.training, validationShare: 0.25).run(in: context)
        #expect(first.weightsSHA256 == second.weightsSHA256)
        var other = Self.views
        other.augmentations = [.turn]
        let third = try TrainJob(dataset: folder, unlabelled: other, base: .embedding("resnet-tiny"), name: "c",
                                 training: Self.training, validationShare: 0.25).run(in: context)
        #expect(third.weightsSHA256 != first.weightsSHA256)
    }

    @Test func viewsAreSeededEditsAndTheFirstIsTheImage() throws {
        let pixels = Fixtures.pattern(width: 32, height: 32, seed: 9)
        let views = UnlabelledViews(views: 4, augmentations: [.crop, .jitter])
        #expect(views.view(0, of: pixels, image: 5, seed: 1) == pixels)
        let edit = views.view(1, of: pixels, image: 5, seed: 1)
        #expect(edit != pixels && edit.width == 32 && edit.height == 32)
        #expect(views.view(1, of: pixels, image: 5, seed: 1) == edit)
        #expect(views.view(2, of: pixels, image: 5, seed: 1) != edit)
        #expect(views.view(1, of: pixels, image: 6, seed: 1) != edit)
        #expect(views.view(1, of: pixels, image: 5, seed: 2) != edit)
    }

    @Test func refusals() throws {
        let (directory, folder, context) = try Self.setUp()
        func train(_ dataset: String, views: UnlabelledViews = Self.views, base: EvalMethod = .embedding("resnet-tiny"), name: String) throws {
            _ = try TrainJob(dataset: dataset, unlabelled: views, base: base, name: name, training: Self.training, validationShare: 0.25).run(in: context)
        }
        /// The refusal's message, or nil when the run did not throw.
        func refusal(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return "\(error)" }
        }
        // Pixels cannot be edited into views before the method sees them.
        #expect(refusal { try train(folder, base: .pixels, name: "x1") }?.contains("--on takes a model") == true)
        // One view teaches nothing; neither do views without edits.
        #expect(refusal { try train(folder, views: UnlabelledViews(views: 1), name: "x2") }?.contains("at least 2") == true)
        #expect(refusal { try train(folder, views: UnlabelledViews(views: 3, augmentations: []), name: "x3") }?.contains("--augment") == true)
        // A file, a missing folder and a folder of three images are refused.
        #expect(refusal { try train((folder as NSString).appendingPathComponent("p0.png"), name: "x4") }?.contains("is a file") == true)
        #expect(refusal { try train(directory.child("missing"), name: "x5") } != nil)
        let small = directory.folder("small")
        for i in 0..<3 { _ = try Fixtures.writePattern(to: (small as NSString).appendingPathComponent("s\(i).png"), seed: UInt64(i + 50)) }
        #expect(refusal { try train(small, name: "x6") }?.contains("holds 3 readable images") == true)
        // Nothing was saved by a refused run.
        #expect(HeadStore(modelsDirectory: context.models.modelsDirectory).names().isEmpty)
    }
}
