import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessLab
import LikenessLearning

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
            """)

    @OptionGroup var options: EvalOptions
    @Option(help: "Comma-separated methods.") var methods: String = "efficientnet-lite0,histogram,phash,pixels"
    @Option(help: "At most N training images.") var train: Int?
    @Option(help: "At most N test images.") var test: Int?
    @Option(help: "Share of each class held out for testing when the dataset is one set.") var testFraction = 0.25
    @Option(help: "Passes over the training images.") var epochs = SoftmaxTrainer.Configuration().epochs
    @Option(help: "Comma-separated L2 penalty strengths to choose from (one value: use it).") var l2 = "0.0001,0.001,0.01,0.1,1"
    @Option(help: "Share of each class of the training split held out to choose the L2 strength.") var validationFraction = 0.2
    @Option(help: "Adam's initial step size.") var learningRate = SoftmaxTrainer.Configuration().learningRate
    @Option(help: "Images per gradient step.") var batchSize = SoftmaxTrainer.Configuration().batchSize
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
        let chosen = try options.methods(methods)
        let split: ProbeSplit
        do {
            split = try ProbeSplit.load(options.dataset, layout: options.layout,
                                        configuration: .init(testFraction: testFraction, trainLimit: train, testLimit: test, seed: seed))
        } catch {
            throw CommandFailure(error.description)
        }
        let probe = LinearProbe(configuration: .init(training: .init(epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed),
                                                     l2Candidates: try strengths(), validationFraction: validationFraction))
        var results: [LinearProbe.Result] = []
        for method in chosen {
            let (features, seconds) = try options.features(method, of: split.dataset)
            do {
                var result = try probe.run(method: method.name, features: features, split: split)
                result.featureSeconds = seconds
                results.append(result)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        if json {
            struct Training: Encodable {
                var epochs: Int; var batchSize: Int; var learningRate: Float; var minimumSteps: Int; var seed: UInt64
                var l2Candidates: [Float]; var validationFraction: Double
            }
            struct Out: Encodable {
                var dataset: String; var layout: String; var classes: Int; var train: Int; var test: Int
                var training: Training; var methods: [LinearProbe.Result]
            }
            let config = probe.configuration
            let training = Training(epochs: config.training.epochs, batchSize: config.training.batchSize, learningRate: config.training.learningRate,
                                    minimumSteps: config.training.minimumSteps, seed: config.training.seed,
                                    l2Candidates: config.l2Candidates, validationFraction: config.validationFraction)
            try Output.json(Out(dataset: options.dataset, layout: options.layout.rawValue, classes: split.dataset.groupNames.count,
                                train: split.train.count, test: split.test.count, training: training, methods: results))
            return
        }
        print("\(split.train.count) training and \(split.test.count) test images in \(split.dataset.groupNames.count) classes (\(options.layout.rawValue)); "
              + "softmax, L2 from \(l2), \(epochs) epochs, seed \(seed)")
        print("method                dim     L2      val acc  train acc  test acc   features  training")
        for r in results {
            let chosen = r.validation.first { $0.l2 == r.l2 }.map { String(format: "%-9.4f", $0.validationAccuracy) } ?? "–        "
            print(r.method.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%-8d%-8g", r.dimension, r.l2) + chosen
                  + String(format: "%-11.4f%-11.4f%7.1fs %8.1fs", r.trainAccuracy, r.testAccuracy, r.featureSeconds ?? 0, r.trainSeconds)
                  + (r.skipped > 0 ? "  (\(r.skipped) images skipped)" : ""))
        }
    }
}
