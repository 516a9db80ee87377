import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// `train siamese` end to end on pixels (no model needed): from a labelled-pairs CSV and from
/// classes; `train contrastive` through the same job as triplet; and the refusals.
@Suite struct TrainedScorerTests {
    static let training = SiameseTrainer.Configuration(hidden: [8], dimension: 4, epochs: 4, batchSize: 16, learningRate: 0.01, seed: 2)

    /// Twelve images of two layouts and every pair of them, labelled by layout; `unlabelled` more rows without a label.
    static func pairsFile(_ directory: TemporaryDirectory, unlabelled: Int = 2) throws -> String {
        let paths = try Fixtures.writeHalves(in: directory.folder("halves"), perKind: 6)
        var lines = ["path_a,path_b,label"]
        for i in paths.indices {
            for j in (i + 1)..<paths.count { lines.append("\(paths[i]),\(paths[j]),\((i < 6) == (j < 6) ? "same" : "different")") }
        }
        for n in 0..<unlabelled { lines.append("\(paths[n]),\(paths[n + 6]),") }
        return directory.file("pairs.csv", bytes: Array(lines.joined(separator: "\n").utf8))
    }

    @Test func scorerFromAPairsFile() throws {
        let directory = TemporaryDirectory()
        let file = try Self.pairsFile(directory)
        let context = TrainedHeadTests.context(directory)
        let epochs = EpochLog()
        let result = try TrainScorerJob(source: .pairs(file), base: .pixels, name: "pairs-scorer", training: Self.training, validationShare: 0.2,
                                        onEpoch: { epochs.append($0) }).run(in: context)
        // 66 pairs: 13 held out, 53 to train on.
        #expect(result.validationExamples == 13 && result.trainExamples == 53 && result.measure == "accuracy" && epochs.count == 4)
        #expect(result.bestValidationPrecision == result.epochs[result.bestEpoch - 1].validation)

        let store = HeadStore(modelsDirectory: context.models.modelsDirectory)
        let (manifest, scorer) = try store.loadScorer("pairs-scorer")
        #expect(manifest.kind == .scorer && manifest.training.scorer == Self.training && manifest.training.configuration == nil)
        #expect(manifest.architecture.fusion == [.dense(inputs: 3, outputs: 1), .sigmoid])
        #expect(manifest.architecture.layers == [.dense(inputs: 256, outputs: 8), .relu, .dense(inputs: 8, outputs: 4)])
        #expect(scorer.parameters.count == manifest.weights.count)
        // A scorer is no embedding head, and cannot be evaluated or applied as one.
        #expect(throws: HeadError.wrongKind(head: "pairs-scorer", kind: .scorer, needed: .embedding)) { try store.load("pairs-scorer") }
    }

    @Test func scorerFromClasses() throws {
        let directory = TemporaryDirectory()
        let folder = try TrainedHeadTests.idxFolder(directory)
        let context = TrainedHeadTests.context(directory)
        let result = try TrainScorerJob(source: .classes(folder, layout: .idx), base: .pixels, name: "class-scorer", training: Self.training,
                                        validationShare: 0.2).run(in: context)
        // 48 training images, each paired once with its class and once with the other; 12 held out give 24 validation pairs.
        #expect(result.trainExamples == 96 && result.validationExamples == 24 && result.classes == 2)
        #expect(result.epochs.allSatisfy { $0.loss.isFinite })
    }

    @Test func unusablePairsFilesAreRefused() throws {
        let directory = TemporaryDirectory()
        let context = TrainedHeadTests.context(directory)
        let unlabelled = directory.file("unlabelled.csv", bytes: Array("path_a,path_b,label\n/a.png,/b.png,\n".utf8))
        do {
            _ = try TrainScorerJob(source: .pairs(unlabelled), base: .pixels, name: "x", training: Self.training).run(in: context)
            Issue.record("an unlabelled pairs file trained a scorer")
        } catch {
            #expect(error.description.contains("no labelled pair (1 unlabelled)"))
        }
        let oneKind = directory.file("one.csv", bytes: Array("/a.png,/b.png,same\n/c.png,/d.png,1\n".utf8))
        do {
            _ = try TrainScorerJob(source: .pairs(oneKind), base: .pixels, name: "x", training: Self.training).run(in: context)
            Issue.record("pairs of one label trained a scorer")
        } catch {
            #expect(error.description.contains("a scorer needs both kinds"))
        }
        #expect(HeadStore(modelsDirectory: context.models.modelsDirectory).names().isEmpty)
    }

    @Test func contrastiveHeadIsSavedAsAnEmbedding() throws {
        let directory = TemporaryDirectory()
        let folder = try TrainedHeadTests.idxFolder(directory)
        let context = TrainedHeadTests.context(directory)
        var training = TrainedHeadTests.training
        training.objective = .contrastive
        training.margin = MarginSchedule(1.0)
        _ = try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "contrastive", training: training, validationShare: 0.2).run(in: context)
        let (manifest, head) = try HeadStore(modelsDirectory: context.models.modelsDirectory).load("contrastive")
        #expect(manifest.kind == .embedding && manifest.training.loss == "contrastive" && manifest.training.configuration?.objective == .contrastive)
        #expect(head.network.outputWidth == 4)
    }
}
