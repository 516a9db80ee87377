import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab

/// `likeness eval triplets`: triplet accuracy of a pair scorer beside Euclidean distance and cosine.
struct EvalTriplets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triplets",
        abstract: "Triplet accuracy of a pair scorer (train siamese) beside Euclidean distance and cosine, on a labelled set.",
        discussion: """
            Draws seeded triplets from the dataset (an anchor, another image of its class, an image \
            of another class) and counts how often each measure puts the anchor strictly nearer the \
            image of its class: Euclidean distance and cosine on the scorer's base features, the \
            same two on the scorer's learned embedding (its tower), and the scorer's fused \
            probability. Ties count as wrong. Use a set the scorer did not train on: an IDX folder \
            is read as eval reads it (its t10k file).

            Example: likeness train siamese mnist-train --on pixels --save digits && \
            likeness eval triplets mnist-test --scorer digits --triplets 10000
            """)

    @OptionGroup var options: EvalOptions
    @Option(help: "The pair scorer (likeness models list).") var scorer: String
    @Option(help: "Number of triplets.") var triplets: Int = 10_000
    @Option(help: "Seeds the triplets.") var seed: UInt64 = 1
    @Flag(help: "Print JSON on stdout.") var json = false

    func validate() throws {
        guard triplets > 0 else { throw ValidationError("--triplets takes a positive count") }
    }

    func run() throws {
        let result = try JobRunning.run(TripletEvalJob(dataset: options.dataset, layout: options.layout, scorer: scorer,
                                                       triplets: triplets, seed: seed, threads: options.threads))
        if json { try Output.json(result); return }
        print("\(result.triplets) triplets (seed \(result.seed)) from \(result.images) images in \(result.classes) classes; scorer \(result.scorer) on \(result.base)")
        let spaces = result.measures.map { $0.space == "base" ? "\(result.base) features" : $0.space == "tower" ? "learned embedding" : "scorer" }
        let width = (spaces.map(\.count).max() ?? 0) + 2
        print("measure     " + "on".leftAligned(width) + "accuracy")
        for (measure, space) in zip(result.measures, spaces) {
            print(measure.measure.leftAligned(12) + space.leftAligned(width) + String(format: "%.4f", measure.accuracy))
        }
    }
}
