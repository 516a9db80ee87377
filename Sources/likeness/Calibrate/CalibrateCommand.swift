import ArgumentParser
import Foundation
import LikenessEngine

extension CalibrationFile.Rule: ExpressibleByArgument {}

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose a similarity threshold from labelled pairs instead of guessing one.",
        discussion: "Example: likeness calibrate --classes photos-by-class --target-recall 0.95 --save calibration.json",
        subcommands: [CalibrateThresholds.self, CalibrateSample.self],
        defaultSubcommand: CalibrateThresholds.self)
}

struct CalibrateThresholds: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thresholds",
        abstract: "Thresholds from labelled pairs (the default: `likeness calibrate --pairs FILE`).",
        discussion: """
            Pairs come from one of: --pairs FILE, CSV rows `path_a,path_b,label` (label same/different \
            or 1/0; rows with an empty label are not yet labelled and are counted, not used); \
            --classes DIR, a folder per class, from which --pairs-per-kind same-class and as many \
            different-class pairs are drawn with --seed; --scores FILE, CSV rows `score,label` from any \
            source (higher = more alike). Pairs are scored with --method: a model id (cosine) or a hash \
            (its distance; lower = more alike). Prints ROC AUC, average precision, the equal error rate, \
            and thresholds by best F1, Youden's J, the valley between the two score modes (Otsu) and \
            --target-recall / --target-precision, each with precision, recall and a bootstrap 95 % \
            interval. --save writes the chosen threshold (--use, default: the target if one is given, \
            else best F1) for `dupes`, `leakage` and `novelty --calibration FILE`. --per-cluster K adds \
            a best-F1 threshold for each of K clusters of the images (embeddings only). Rows with \
            unknown paths or bad labels are reported and skipped. --html writes an offline report \
            with the score histograms, ROC and precision–recall curves.

            Fewer than \(CalibrationConfiguration.minimumPairs) same or different pairs are refused: with fewer, one \
            pair moves recall or the false-positive rate by more than 5 points and the bootstrap interval \
            means little. --allow-small calibrates anyway and marks the result (a warning here, \
            "smallSample": true in the saved file, a warning wherever it is applied). A warning also \
            says when the saved threshold is unstable (precision or recall changes by more than 5 points \
            across its bootstrap interval), when a target was not reached in every resample, and, for \
            --target-precision, that precision measured on a balanced mix of pairs is higher than in a \
            collection where few pairs are copies.

            Example: likeness calibrate --pairs labelled.csv --method phash --html calibration.html --save phash.json
            """)

    @Option(help: ArgumentHelp("Labelled image pairs (path_a,path_b,label).", valueName: "csv")) var pairs: String?
    @Option(help: ArgumentHelp("A folder per class; pairs are sampled from it.", valueName: "dir")) var classes: String?
    @Option(help: ArgumentHelp("Labelled scores (score,label).", valueName: "csv")) var scores: String?
    @Option(help: "Model id or hash method that scores the pairs.") var method: String = ModelDefaults.model
    @Option(help: "ONNX Runtime threads for the model.") var threads: Int = 1
    @Option(help: "With --classes: same-class pairs to draw, and as many different-class pairs.") var pairsPerKind: Int = 500
    @Option(help: "Seed for --classes sampling, the bootstrap and clustering.") var seed: UInt64 = 1
    @Option(help: "Also report the highest threshold reaching this recall.") var targetRecall: Double?
    @Option(help: "Also report the lowest threshold keeping this precision.") var targetPrecision: Double?
    @Option(help: "The rule whose threshold --save writes: best-f1, youden, valley, target-recall, target-precision.") var use: CalibrationFile.Rule?
    @Option(help: "Bootstrap resamples for the intervals (0 to skip).") var bootstrap: Int = 200
    @Option(help: "A threshold per cluster of images: the number of clusters (embeddings only).") var perCluster: Int?
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var html: String?
    @Option(help: ArgumentHelp("Write the chosen calibration as JSON here.", valueName: "file")) var save: String?
    @Flag(help: "Calibrate even from fewer than \(CalibrationConfiguration.minimumPairs) same or different pairs; the result is marked as a small sample.") var allowSmall = false
    @Flag(help: "Print JSON on stdout.") var json = false

    /// The job the options describe.
    func job() throws -> CalibrateJob {
        let source: CalibrateJob.PairSource
        switch (pairs, classes, scores) {
        case (let file?, nil, nil): source = .pairs(file: file)
        case (nil, let folder?, nil): source = .classes(folder: folder, pairsPerKind: pairsPerKind)
        case (nil, nil, let file?): source = .scores(file: file)
        default: throw ValidationError("give exactly one of --pairs, --classes or --scores")
        }
        let calibration = CalibrationConfiguration(targetRecall: targetRecall, targetPrecision: targetPrecision, rule: use,
                                                   resamples: bootstrap, clusters: perCluster, seed: seed, allowSmall: allowSmall)
        return CalibrateJob(source: source, method: method, threads: threads, calibration: calibration, save: save)
    }

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more and --pairs-per-kind positive") }
        do { try job().validate() } catch let error as JobError { throw ValidationError(error.description) }
    }

    func run() throws {
        let result = try JobRunning.run(try job())
        printNotes(result)
        if let html { try writeReport(result, to: html) }
        if json { try Output.json(result); return }
        printText(result)
    }
}
