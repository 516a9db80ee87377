import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab
import LikenessLearning

extension TripletMining: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}

/// `likeness train`: learned similarity heads on frozen features.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a similarity head on a method's features (triplet loss).",
        discussion: "Example: likeness train triplet /usr/share/datasets/fashion-mnist --on efficientnet-lite0 --save fashion-triplet",
        subcommands: [TrainTriplet.self])
}

/// `likeness train triplet`: an embedding head trained with the triplet loss.
struct TrainTriplet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triplet",
        abstract: "Train an embedding head with the triplet loss and save it as a method for eval.",
        discussion: """
            The base features (--on: a model id, pixels or histogram) are computed once. Each class \
            gives a seeded share (--validation) to a validation split; the head trains on the rest in \
            batches of P classes × K examples, and after every epoch its P@5 on the validation split \
            is printed on stderr with the loss and the time. The best epoch is kept.

            The head: the features standardised, dense layers of the --hidden widths with ReLU, a \
            dense layer to --dim values, L2-normalised (compared by cosine). Loss: triplet loss on \
            squared distances with a margin that grows linearly from the first to the last epoch \
            (--margin START:END, or one value), triplets mined in each batch (--mining). Optimiser: \
            AdamW by default, with a cosine decay of the learning rate (--schedule cosine, constant \
            or step:EPOCHS:FACTOR). With the same data, options, --seed and --threads, training \
            repeats bit for bit.

            Saved as <models>/heads/NAME.json (a manifest: architecture, base method and the \
            SHA-256 of its model, the training options, validation scores per epoch, the SHA-256 of \
            the weights) and NAME.weights (float32), where <models> is $LIKENESS_MODELS or \
            ~/.cache/likeness/models. A head is never overwritten. `likeness models list` lists heads; \
            `likeness eval DATASET --methods efficientnet-lite0,NAME` evaluates one beside its base.

            Datasets: a folder per class, or an IDX folder (MNIST, Fashion-MNIST), which trains on \
            its train file only; the t10k file is left for eval. --cache-features DIR keeps the IDX \
            features as .npy files (as `bench cluster-data` does), so a second run does not embed again.

            Example: likeness train triplet /usr/share/datasets/fashion-mnist --on efficientnet-lite0 \
            --hidden 512,128 --dim 64 --epochs 10 --margin 0.2:0.4 --save fashion-triplet && likeness eval \
            /usr/share/datasets/fashion-mnist --methods efficientnet-lite0,pixels,fashion-triplet
            """)

    @Argument(help: ArgumentHelp("Dataset folder (a folder per class) or IDX folder / file.", valueName: "dataset")) var dataset: String
    @Option(help: ArgumentHelp("Base features: a model id, pixels or histogram.", valueName: "method")) var on: String = ModelDefaults.model
    @Option(help: ArgumentHelp("How classes are read (default: idx for IDX files, else folders).", valueName: "layout"))
    var layout: EvalDataset.Layout?
    @Option(help: "Name of the saved head.") var save: String
    @Option(help: "Width of the embedding.") var dim: Int = 64
    @Option(help: "Comma-separated widths of the hidden layers (empty: none).") var hidden: String = "512,128"
    @Flag(help: "Layer normalisation after each hidden layer.") var layerNorm = false
    @Option(help: "Passes over the training examples.") var epochs: Int = 10
    @Option(help: "Examples per batch (P classes × K examples).") var batch: Int = 100
    @Option(help: ArgumentHelp("Triplet margin START:END over the epochs, or one value.", valueName: "start:end")) var margin: String = "0.2:0.4"
    @Option(help: "Triplet mining in a batch: random, semi-hard or batch-hard.") var mining: TripletMining = .semiHard
    @Option(help: "sgd (momentum 0.9), adam or adamw.") var optimizer: OptimizerKind = .adamw
    @Option(help: "Base learning rate.") var lr: Float = 1e-3
    @Option(help: "Weight decay (decoupled for adamw, L2 otherwise).") var weightDecay: Float = 1e-4
    @Option(help: ArgumentHelp("Learning-rate schedule: cosine, constant or step:EPOCHS:FACTOR.", valueName: "schedule")) var schedule: String = "cosine"
    @Option(help: "Seeds the initial weights, the batches, mining and the validation split.") var seed: UInt64 = 1
    @Option(help: "Share of each class held out for validation.") var validation: Double = 0.1
    @Option(help: "Threads for BLAS (training) and the base model.") var threads: Int = 1
    @Option(help: ArgumentHelp("Folder caching IDX features as .npy.", valueName: "folder")) var cacheFeatures: String?
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let models = ModelLocator.fromEnvironment().registry.all().manifests.map(\.id)
        let base: EvalMethod
        do { base = try EvalMethod(parsing: on, models: models) } catch { throw CommandFailure(error.description) }
        let configuration = TripletTrainer.Configuration(
            hidden: try Self.widths(hidden), dimension: dim, layerNorm: layerNorm, epochs: epochs, batchSize: batch,
            margin: try Self.margin(margin), mining: mining, optimizer: optimizer, learningRate: lr, weightDecay: weightDecay,
            schedule: try Self.schedule(schedule), seed: seed)
        let job = TrainJob(dataset: dataset, layout: layout, base: base, name: save, training: configuration, validationShare: validation,
                           threads: threads, featureCache: cacheFeatures, onEpoch: { report in
                               Output.note(Self.line(report, of: configuration.epochs))
                           })
        let result = try JobRunning.run(job)
        if json { try Output.json(result); return }
        print("saved head \(result.name) (\(result.manifestPath))")
        print("trained on \(result.trainExamples) \(result.base) features of \(result.classes) classes; \(result.validationExamples) held out")
        print(String(format: "validation P@%d: %.3f with the head (epoch %d), %.3f with %@ alone", result.validationK,
                     result.bestValidationPrecision, result.bestEpoch, result.baseValidationPrecision, result.base))
    }

    /// One epoch's progress line.
    static func line(_ report: EpochReport, of epochs: Int) -> String {
        let validation = report.validation.map { String(format: ", validation P@5 %.3f", $0) } ?? ""
        return String(format: "epoch %d/%d: loss %.4f (%.0f %% of triplets active)%@, margin %.2f, lr %.2g, %.1f s", report.epoch, epochs,
                      report.loss, report.activeShare * 100, validation, report.margin, report.learningRate, report.seconds)
    }

    static func widths(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let width = Int(part.trimmingCharacters(in: .whitespaces)), width > 0 else {
                throw ValidationError("--hidden takes positive widths separated by commas, got \(part)")
            }
            return width
        }
    }

    static func margin(_ text: String) throws -> MarginSchedule {
        let parts = text.split(separator: ":").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw ValidationError("--margin takes START:END or one value, not negative, got \(text)")
        }
        return MarginSchedule(start: parts[0]!, end: parts[parts.count - 1]!)
    }

    static func schedule(_ text: String) throws -> LearningRateSchedule {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first {
        case "cosine" where parts.count == 1: return .cosine
        case "constant" where parts.count == 1: return .constant
        case "step" where parts.count == 3:
            if let epochs = Int(parts[1]), epochs > 0, let factor = Float(parts[2]), factor > 0 { return .step(epochs: epochs, factor: factor) }
        default: break
        }
        throw ValidationError("--schedule takes cosine, constant or step:EPOCHS:FACTOR (step:5:0.5), got \(text)")
    }
}
