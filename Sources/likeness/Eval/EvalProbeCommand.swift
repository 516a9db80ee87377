import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab

/// `likeness eval probe`: train and test accuracy of a linear probe on each method's frozen features.
struct EvalProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Linear probe: train and test accuracy of a softmax classifier on each method's frozen features.",
        discussion: """
            For each method, features are standardised with the mean and standard deviation of the \
            training split, then a multinomial logistic-regression (softmax) classifier with an L2 \
            penalty is trained by mini-batch Adam with a cosine-decayed step size, in a seeded order \
            (the same seed gives the same result). Raw `pixels` are the baseline; hashes enter as \
            ±1 per bit.

            L2 strength: with several values in --l2, a seeded, stratified --validation-fraction of \
            the training split is held out, each strength is trained on the rest, the best validation \
            accuracy wins (the stronger penalty on ties), and the final classifier is trained on the \
            whole training split with it. The test split is never used to choose. One value skips this.

            Splits: with --layout idx and a folder holding train-images-idx3-ubyte[.gz] and \
            t10k-images-idx3-ubyte[.gz] (MNIST, Fashion-MNIST), it trains on the train file and tests \
            on the t10k file; --train N and --test N take the first N images of each. Any other \
            dataset is split per class with a fixed seed (--test-fraction of each class is held out, \
            at least one image, so every class needs two); --train N and --test N then keep a \
            stratified subset.

            Example: likeness eval probe /usr/share/datasets/fashion-mnist --layout idx --train 5000 --test 1000
            """)

    @OptionGroup var options: EvalOptions
    @Option(help: "Comma-separated methods.") var methods: String = "efficientnet-lite0,histogram,phash,pixels"
    @Option(help: "At most N training images.") var train: Int?
    @Option(help: "At most N test images.") var test: Int?
    @Option(help: "Share of each class held out for testing when the dataset is one set.") var testFraction = 0.25
    @Option(help: "Passes over the training images.") var epochs = ProbeJob.Training().epochs
    @Option(help: "Comma-separated L2 penalty strengths to choose from (one value: use it).") var l2 = "0.0001,0.001,0.01,0.1,1"
    @Option(help: "Share of each class of the training split held out to choose the L2 strength.") var validationFraction = 0.2
    @Option(help: "Adam's initial step size.") var learningRate = ProbeJob.Training().learningRate
    @Option(help: "Images per gradient step.") var batchSize = ProbeJob.Training().batchSize
    @Option(help: "Seed for the split and the training order.") var seed: UInt64 = 1
    @Flag(help: "Print JSON on stdout.") var json = false

    func validate() throws {
        guard train.map({ $0 > 0 }) ?? true, test.map({ $0 > 0 }) ?? true else { throw ValidationError("--train and --test take positive counts") }
        guard testFraction > 0, testFraction < 1 else { throw ValidationError("--test-fraction must lie between 0 and 1") }
        guard epochs > 0, batchSize > 0, learningRate > 0 else { throw ValidationError("--epochs, --batch-size and --learning-rate must be positive") }
        guard validationFraction > 0, validationFraction < 1 else { throw ValidationError("--validation-fraction must lie between 0 and 1") }
        _ = try strengths()
    }

    /// The --l2 list.
    func strengths() throws -> [Float] {
        let values = l2.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0.map { $0 >= 0 && $0.isFinite } ?? false }) else {
            throw ValidationError("--l2 takes comma-separated numbers ≥ 0, got \(l2)")
        }
        return values.map { $0! }
    }

    func run() throws {
        let training = ProbeJob.Training(epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed,
                                         l2Candidates: try strengths(), validationFraction: validationFraction)
        let job = ProbeJob(dataset: options.dataset, layout: options.layout, methods: try options.methods(methods),
                           split: .init(testFraction: testFraction, trainLimit: train, testLimit: test, seed: seed),
                           training: training, threads: options.threads)
        let result = try JobRunning.run(job)
        EvalOptions.noteMissing(result.methods.map(\.method), result.missingFeatures, of: result.images)
        if json { try Output.json(result); return }
        print("\(result.train) training and \(result.test) test images in \(result.classes) classes (\(result.layout)); "
              + "softmax, L2 from \(l2), \(epochs) epochs, seed \(seed)")
        print("method                dim     L2      val acc  train acc  test acc   features  training")
        for r in result.methods {
            let chosen = r.validation.first { $0.l2 == r.l2 }.map { String(format: "%-9.4f", $0.validationAccuracy) } ?? "–        "
            print(r.method.leftAligned(22)
                  + String(format: "%-8d%-8g", r.dimension, r.l2) + chosen
                  + String(format: "%-11.4f%-11.4f%7.1fs %8.1fs", r.trainAccuracy, r.testAccuracy, r.featureSeconds ?? 0, r.trainSeconds)
                  + (r.skipped > 0 ? "  (\(r.skipped) images skipped)" : ""))
        }
    }
}
