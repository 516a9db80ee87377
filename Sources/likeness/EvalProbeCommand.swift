import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
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
    @Option(help: "Strength of the L2 penalty on the weights.") var l2 = SoftmaxTrainer.Configuration().l2
    @Option(help: "Adam's initial step size.") var learningRate = SoftmaxTrainer.Configuration().learningRate
    @Option(help: "Images per gradient step.") var batchSize = SoftmaxTrainer.Configuration().batchSize
    @Option(help: "Seed for the split and the training order.") var seed: UInt64 = 1
    @Flag(help: "Print JSON on stdout.") var json = false

    func validate() throws {
        guard train.map({ $0 > 0 }) ?? true, test.map({ $0 > 0 }) ?? true else { throw ValidationError("--train and --test take positive counts") }
        guard testFraction > 0, testFraction < 1 else { throw ValidationError("--test-fraction must lie between 0 and 1") }
        guard epochs > 0, batchSize > 0, learningRate > 0, l2 >= 0 else {
            throw ValidationError("--epochs, --batch-size and --learning-rate must be positive, --l2 not negative")
        }
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
        let probe = LinearProbe(configuration: .init(epochs: epochs, batchSize: batchSize, learningRate: learningRate, l2: l2, seed: seed))
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
            struct Out: Encodable {
                var dataset: String; var layout: String; var classes: Int; var train: Int; var test: Int
                var training: SoftmaxTrainer.Configuration; var methods: [LinearProbe.Result]
            }
            try Output.json(Out(dataset: options.dataset, layout: options.layout.rawValue, classes: split.dataset.groupNames.count,
                                train: split.train.count, test: split.test.count, training: probe.trainer.configuration, methods: results))
            return
        }
        print("\(split.train.count) training and \(split.test.count) test images in \(split.dataset.groupNames.count) classes (\(options.layout.rawValue)); "
              + "softmax, L2 \(l2), \(epochs) epochs, seed \(seed)")
        print("method                dim     train acc  test acc   features  training")
        for r in results {
            print(r.method.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%-8d%-11.4f%-11.4f%7.1fs %8.1fs", r.dimension, r.trainAccuracy, r.testAccuracy, r.featureSeconds ?? 0, r.trainSeconds)
                  + (r.skipped > 0 ? "  (\(r.skipped) images skipped)" : ""))
        }
    }
}
