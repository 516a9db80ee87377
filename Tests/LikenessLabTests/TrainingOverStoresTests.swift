import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// The training commands that read a folder through the catalog (`train autoencoder`, `train
/// contrastive --unlabelled`) train the same weights, bit for bit, over a shared PostgreSQL catalog
/// as over a SQLite file.
@Suite(.serialized) struct TrainingOverStoresTests {
    /// A context on `catalog` whose models live in a folder of their own (each run saves under one name).
    func context(_ catalog: String, models folder: String, tiny: Bool) throws -> JobContext {
        let models = ModelLocator(modelsDirectory: folder, runtimeLibrary: TestModels.runtimeLibrary)
        if tiny { try models.registry.add(manifestAt: TestModels.tinyManifest("resnet-tiny")) }
        return JobContext(catalogPath: catalog, models: models, workers: 1)
    }

    @Test("train autoencoder gives the same weights and losses over PostgreSQL as over SQLite")
    func autoencoder() throws {
        let (directory, folder, _) = try TrainedAutoencoderTests.setUp()
        let scratch = try ScratchPostgres()
        let runs = try [directory.child("c.sqlite"), scratch.url].enumerated().map { index, catalog in
            try TrainAutoencoderJob(dataset: folder, name: "ae", architecture: TrainedAutoencoderTests.architecture,
                                    training: TrainedAutoencoderTests.training)
                .run(in: context(catalog, models: directory.folder("models-\(index)"), tiny: false))
        }
        #expect(runs[0].trainImages == 36 && runs[1].trainImages == 36)
        #expect(runs[0].weightsSHA256 == runs[1].weightsSHA256)
        #expect(runs[0].validationLoss == runs[1].validationLoss)
    }

    @Test("train contrastive --unlabelled gives the same head over PostgreSQL as over SQLite")
    func unlabelled() throws {
        let (directory, folder, _) = try UnlabelledHeadTests.setUp()
        let scratch = try ScratchPostgres()
        let runs = try [directory.child("c.sqlite"), scratch.url].enumerated().map { index, catalog in
            try TrainJob(dataset: folder, unlabelled: UnlabelledHeadTests.views, base: .embedding("resnet-tiny"), name: "u",
                         training: UnlabelledHeadTests.training, validationShare: 0.25)
                .run(in: context(catalog, models: directory.folder("models-\(index)"), tiny: true))
        }
        #expect(runs[0].trainExamples == 27 && runs[1].trainExamples == 27)
        #expect(runs[0].weightsSHA256 == runs[1].weightsSHA256)
    }
}
