import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab
import LikenessLearning

/// The options every `train` command shares: the data, the base features, the network's size, the
/// optimiser and the run.
struct HeadTrainingOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset: a folder per class, an IDX folder / file, (siamese) a labelled-pairs CSV, or (contrastive --unlabelled) a folder of images.", valueName: "dataset"))
    var dataset: String
    @Option(help: ArgumentHelp("Base features: a model id, pixels, histogram or hog.", valueName: "method")) var on: String = ModelDefaults.model
    @Option(help: ArgumentHelp("folders, idx, ukbench, holidays or pairs (default: pairs for a .csv, idx for IDX files, else folders).",
                               valueName: "layout"))
    var layout: String?
    @Option(help: "Name of the saved head.") var save: String
    @Option(help: "Width of the embedding.") var dim: Int = 64
    @Option(help: "Comma-separated widths of the hidden layers, or none (a linear head).") var hidden: String = "512,128"
    @Option(help: "Passes over the training examples.") var epochs: Int = 10
    @Option(help: "sgd (momentum 0.9), adam or adamw.") var optimizer: OptimizerKind = .adamw
    @Option(help: "Base learning rate.") var lr: Float = 1e-3
    @Option(help: "Weight decay (decoupled for adamw, L2 otherwise).") var weightDecay: Float = 1e-4
    @Option(help: "Dropout after each hidden layer in training: this share of values zeroed (0: none).") var dropout: Float = 0
    @Option(help: ArgumentHelp("Learning-rate schedule: cosine, constant or step:EPOCHS:FACTOR.", valueName: "schedule")) var schedule: String = "cosine"
    @Option(help: "Seeds the initial weights, the batches, mining and the validation split.") var seed: UInt64 = 1
    @Option(help: "Share held out for validation (of each class, or of the pairs).") var validation: Double = 0.1
    @Option(help: "Threads for BLAS (training) and the base model.") var threads: Int = 1
    @Option(help: ArgumentHelp("Folder caching IDX features as .npy.", valueName: "folder")) var cacheFeatures: String?
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    /// The base method, parsed against the known models.
    func base() throws -> EvalMethod {
        let models = ModelLocator.fromEnvironment().registry.all().manifests.map(\.id)
        do { return try EvalMethod(parsing: on, models: models) } catch { throw CommandFailure(error.description) }
    }

    /// True when the dataset is a labelled-pairs file (`--layout pairs`, or a `.csv` without a layout).
    var isPairs: Bool { layout == "pairs" || (layout == nil && dataset.lowercased().hasSuffix(".csv")) }

    /// The class layout; nil: detected. `pairs` is refused here (only a pair scorer trains on pairs).
    func classLayout(command: String) throws -> EvalDataset.Layout? {
        if isPairs {
            throw ValidationError("train \(command) learns from classes (a folder per class or IDX); a labelled-pairs file trains a pair scorer: likeness train siamese \(dataset) --layout pairs")
        }
        guard let layout else { return nil }
        guard let parsed = EvalDataset.Layout(rawValue: layout) else {
            throw ValidationError("--layout takes \((EvalDataset.Layout.allCases.map(\.rawValue) + ["pairs"]).joined(separator: ", ")), got \(layout)")
        }
        return parsed
    }

    static func widths(_ text: String) throws -> [Int] {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" { return [] }
        return try text.split(separator: ",").map { part in
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

    /// One epoch's progress line.
    static func line(_ report: EpochReport, of epochs: Int, measure: String, margin: Bool) -> String {
        let validation = report.validation.map { String(format: ", validation %@ %.3f", measure, $0) } ?? ""
        let active = margin ? String(format: " (%.0f %% of terms active)", report.activeShare * 100)
                            : String(format: " (%.0f %% of pairs wrong)", report.activeShare * 100)
        return String(format: "epoch %d/%d: loss %.4f%@%@%@, lr %.2g, %.1f s", report.epoch, epochs, report.loss, active, validation,
                      margin ? String(format: ", margin %.2f", report.margin) : "", report.learningRate, report.seconds)
    }

    /// Prints a training result (or its JSON).
    func render(_ result: TrainJob.Result) throws {
        if json { try Output.json(result); return }
        print("saved head \(result.name) (\(result.manifestPath))")
        if let views = result.views {
            print("trained on \(result.trainExamples) \(result.base) features of \(result.trainExamples / views) images × \(views) views (no labels); "
                  + "\(result.validationExamples / views) images held out")
            if let leftOut = result.imagesLeftOut, leftOut > 0 { Output.note("\(leftOut) images left out: a view of each could not be embedded") }
        } else {
            let unit = result.measure == "accuracy" ? "pairs" : "\(result.base) features"
            print("trained on \(result.trainExamples) \(unit) (\(result.classes) classes); \(result.validationExamples) held out")
        }
        let baseline = result.measure == "accuracy" ? "\(result.base) cosine at its best threshold" : "\(result.base) alone"
        print(String(format: "validation %@: %.3f with the head (epoch %d), %.3f with %@", result.measure,
                     result.bestValidationPrecision, result.bestEpoch, result.baseValidationPrecision, baseline))
    }
}
