import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessTestSupport
import Testing
@testable import LikenessLab

/// `eval triplets`: seeded triplets, the five measures, and the refusals.
@Suite struct TripletEvalTests {
    @Test func triplesPairAnAnchorWithItsClassAndAnother() throws {
        let labels = [0, 1, 2, 0, 1, 2, 2, 3]
        let triplets = try TripletEvalJob.sample(2_000, labels: labels, seed: 5, dataset: "d")
        #expect(triplets.count == 2_000)
        for t in triplets {
            #expect(t.anchor != t.positive && labels[t.anchor] == labels[t.positive] && labels[t.negative] != labels[t.anchor])
        }
        // Class 3 has one image: never an anchor; every other image is one, and every row of class 2 a positive.
        #expect(Set(triplets.map(\.anchor)) == [0, 1, 2, 3, 4, 5, 6])
        #expect(Set(triplets.filter { labels[$0.anchor] == 2 }.map(\.positive)) == [2, 5, 6])
        #expect(Set(triplets.map(\.negative)) == Set(labels.indices))
        #expect(try TripletEvalJob.sample(50, labels: labels, seed: 5, dataset: "d").map(\.anchor) == triplets.prefix(50).map(\.anchor))
        #expect(throws: JobError.self) { try TripletEvalJob.sample(5, labels: [0, 0, 0], seed: 1, dataset: "one class") }
        #expect(throws: JobError.self) { try TripletEvalJob.sample(5, labels: [0, 1, 2], seed: 1, dataset: "no pair") }
    }

    @Test func scorerBesideItsDistances() throws {
        let directory = TemporaryDirectory()
        let folder = try TrainedHeadTests.idxFolder(directory)
        let context = TrainedHeadTests.context(directory)
        var training = TrainedScorerTests.training
        training.attention = true
        _ = try TrainScorerJob(source: .classes(folder, layout: .idx), base: .pixels, name: "digits", training: training,
                               validationShare: 0.2).run(in: context)
        // The seed's attention weighting sits on the tower's embedding.
        let manifest = try HeadStore(modelsDirectory: context.models.modelsDirectory).manifest("digits")
        #expect(manifest.architecture.layers.suffix(2) == [.dense(inputs: 8, outputs: 4), .attention(width: 4)])
        #expect(manifest.training.scorer?.attention == true)
        let job = TripletEvalJob(dataset: folder, layout: .idx, scorer: "digits", triplets: 300, seed: 3)
        let result = try job.run(in: context)
        // The t10k file: 20 images of two classes.
        #expect(result.images == 20 && result.classes == 2 && result.triplets == 300 && result.base == "pixels")
        #expect(result.measures.map { "\($0.space) \($0.measure)" } == ["base Euclidean", "base cosine", "tower Euclidean", "tower cosine", "scorer fused"])
        // The two classes are bright on opposite halves: the raw pixels rank every triplet right.
        #expect(result.measures[0].accuracy == 1 && result.measures[1].accuracy == 1)
        #expect(result.measures.allSatisfy { (0...1).contains($0.accuracy) })
        #expect(try job.run(in: context).measures == result.measures)

        // An embedding head is no scorer; an unknown name lists none.
        _ = try TrainJob(dataset: folder, layout: .idx, base: .pixels, name: "embedding", training: TrainedHeadTests.training).run(in: context)
        do {
            _ = try TripletEvalJob(dataset: folder, layout: .idx, scorer: "embedding").run(in: context)
            Issue.record("an embedding head must be refused as a scorer")
        } catch {
            guard case .head(.wrongKind(head: "embedding", kind: .embedding, needed: .scorer)) = error else { Issue.record("\(error)"); return }
        }
        #expect(throws: JobError.self) { try TripletEvalJob(dataset: folder, layout: .idx, scorer: "nothing").run(in: context) }
        #expect(throws: JobError.self) { try TripletEvalJob(dataset: folder, layout: .idx, scorer: "digits", triplets: 0).run(in: context) }
    }
}
