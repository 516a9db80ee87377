import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessReport

extension CalibrationFile.Rule: ExpressibleByArgument {}

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose a similarity threshold from labelled pairs instead of guessing one.",
        subcommands: [CalibrateThresholds.self, CalibrateSample.self],
        defaultSubcommand: CalibrateThresholds.self)
}

/// The method a calibration scores with, parsed from `--method`.
enum ScoringChoice {
    /// A hash name, else a model id; unknown names list both kinds.
    static func open(_ name: String, threads: Int) throws -> PairScoring {
        if let hash = try? PerceptualMethod(parsing: name) { return .hash(hash) }
        let known = ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory).all().manifests.map(\.id)
        guard known.contains(name) else {
            throw CommandFailure(UnknownNameError(kind: "method", given: name, valid: known + PerceptualMethod.allCases.map(\.name)).description)
        }
        let (model, input) = try ModelOptions.open(model: name, threads: threads)
        return .embedding(model, input)
    }
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
            unknown paths or bad labels are reported and skipped.
            """)

    @Option(help: ArgumentHelp("Labelled image pairs (path_a,path_b,label).", valueName: "csv")) var pairs: String?
    @Option(help: ArgumentHelp("A folder per class; pairs are sampled from it.", valueName: "dir")) var classes: String?
    @Option(help: ArgumentHelp("Labelled scores (score,label).", valueName: "csv")) var scores: String?
    @Option(help: "Model id or hash method that scores the pairs.") var method: String = "efficientnet-lite0"
    @Option(help: "ONNX Runtime threads for the model.") var threads: Int = 1
    @Option(help: "With --classes: same-class pairs to draw, and as many different-class pairs.") var pairsPerKind: Int = 500
    @Option(help: "Seed for --classes sampling, the bootstrap and clustering.") var seed: UInt64 = 1
    @Option(help: "Also report the highest threshold reaching this recall.") var targetRecall: Double?
    @Option(help: "Also report the lowest threshold keeping this precision.") var targetPrecision: Double?
    @Option(help: "The rule whose threshold --save writes: best-f1, youden, valley, target-recall, target-precision.") var use: CalibrationFile.Rule?
    @Option(help: "Bootstrap resamples for the intervals (0 to skip).") var bootstrap: Int = 200
    @Option(help: "A threshold per cluster of images: the number of clusters (embeddings only).") var perCluster: Int?
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("Write the chosen calibration as JSON here.", valueName: "file")) var save: String?
    @Flag(help: "Print JSON on stdout.") var json = false

    func validate() throws {
        guard [pairs, classes, scores].compactMap({ $0 }).count == 1 else { throw ValidationError("give exactly one of --pairs, --classes or --scores") }
        for (name, value) in [("--target-recall", targetRecall), ("--target-precision", targetPrecision)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) is a fraction in [0, 1]") }
        }
        if use == .targetRecall && targetRecall == nil { throw ValidationError("--use target-recall needs --target-recall") }
        if use == .targetPrecision && targetPrecision == nil { throw ValidationError("--use target-precision needs --target-precision") }
        if let perCluster, perCluster < 1 { throw ValidationError("--per-cluster needs at least 1 cluster") }
        if perCluster != nil && scores != nil { throw ValidationError("--per-cluster needs images (--pairs or --classes), not --scores") }
        guard bootstrap >= 0, pairsPerKind > 0 else { throw ValidationError("--bootstrap must be 0 or more and --pairs-per-kind positive") }
    }

    func run() throws {
        var skipped: [String] = []
        var values: [Double] = [], labels: [Bool] = [], used: [LabelledPair] = []
        var vectors: [String: [Float]] = [:]
        var methodName = method, fingerprint: String?, scale = CalibrationFile.Scale.cosine
        let source = pairs ?? classes ?? scores!
        if let scores {
            guard let text = try? String(contentsOfFile: scores, encoding: .utf8) else { throw CommandFailure("cannot read \(scores)") }
            let parsed = LabelledPairs.parseScores(text)
            (values, labels, skipped) = (parsed.scores, parsed.labels, parsed.skipped)
            methodName = "scores"
        } else {
            var labelled: [LabelledPair]
            if let pairs {
                guard let text = try? String(contentsOfFile: pairs, encoding: .utf8) else { throw CommandFailure("cannot read \(pairs)") }
                let parsed = LabelledPairs.parsePairs(text)
                labelled = parsed.pairs
                skipped = parsed.skipped
                if parsed.unlabelled > 0 { Output.note("\(parsed.unlabelled) rows have no label yet and were left out") }
            } else {
                do { labelled = try ClassPairSampler(pairsPerKind: pairsPerKind, seed: seed).sample(root: classes!) } catch {
                    throw CommandFailure(error.description)
                }
                if !json { Output.note("sampled \(labelled.filter(\.same).count) same-class and \(labelled.filter { !$0.same }.count) different-class pairs") }
            }
            let scoring = try ScoringChoice.open(method, threads: threads)
            if case .embedding(let model, _) = scoring { fingerprint = model.fingerprint }
            scale = scoring.scale
            let scored = try PairScorer(scoring: scoring).scores(labelled, progress: TerminalProgress())
            skipped += scored.skipped
            for (pair, score) in zip(labelled, scored.scores) {
                guard let score else { continue }
                values.append(score); labels.append(pair.same); used.append(pair)
            }
            vectors = scored.vectors
        }
        let configuration = CalibrationConfiguration(targetRecall: targetRecall, targetPrecision: targetPrecision, rule: use,
                                                     resamples: bootstrap, clusters: perCluster, seed: seed)
        let outcome: CalibrationOutcome
        do {
            outcome = try ThresholdCalibrator(configuration: configuration)
                .calibrate(scores: values, labels: labels, method: methodName, fingerprint: fingerprint, scale: scale, pairs: used, vectors: vectors)
        } catch {
            throw CommandFailure("\(error.description) (read \(labels.count) usable pairs; \(skipped.count) problems)")
        }
        if let save {
            do { try outcome.file.save(save) } catch { throw CommandFailure("cannot write \(save): \(error.localizedDescription)") }
            if !json { Output.note("saved \(outcome.file.rule.rawValue) threshold to \(save)") }
        }
        if let out {
            let report = CalibrationReport(
                method: outcome.method, scaleName: scale == .cosine ? "cosine similarity, higher = more alike" : "distance, lower = more alike",
                positiveScores: outcome.positiveScores, negativeScores: outcome.negativeScores, calibration: outcome.calibration,
                rows: outcome.choices.map { .init(rule: $0.rule.rawValue, threshold: $0.threshold, interval: $0.interval, precision: $0.precision,
                                                  recall: $0.recall, f1: $0.f1, chosen: $0.rule == outcome.file.rule) },
                rocAUCInterval: outcome.rocAUCInterval, notes: ["Pairs from \(source)." + (skipped.isEmpty ? "" : " \(skipped.count) rows or images skipped.")])
            do { try report.html().write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            if !json { Output.note("report: \(out)") }
        }
        if json {
            struct Out: Encodable { var source: String; var skipped: [String]; var calibration: CalibrationOutcome }
            try Output.json(Out(source: source, skipped: skipped, calibration: outcome))
            return
        }
        for line in skipped { Output.note("skipped \(line)") }
        print("\(outcome.positives) same and \(outcome.negatives) different pairs from \(source), scored by \(outcome.method)")
        let auc = String(format: "ROC AUC %.4f", outcome.rocAUC) + (outcome.rocAUCInterval.map { String(format: " (%.4f–%.4f)", $0.low, $0.high) } ?? "")
        print(auc + String(format: "   average precision %.4f   equal error rate %.4f", outcome.averagePrecision, outcome.equalErrorRate))
        let direction = scale == .cosine ? "≥" : "≤"
        for choice in outcome.choices {
            let name = (choice.rule.rawValue + (choice.rule == outcome.file.rule ? " *" : "")).padding(toLength: 19, withPad: " ", startingAt: 0)
            let interval = choice.interval.map { String(format: "[%.4g, %.4g]", $0.low, $0.high) } ?? ""
            print(name + String(format: "%@ %-9.4g %-22@ precision %.3f  recall %.3f  FPR %.3f  F1 %.3f",
                                direction, choice.threshold, interval, choice.precision, choice.recall, choice.falsePositiveRate, choice.f1))
        }
        if let clusters = outcome.file.clusters {
            print("per cluster (best F1):")
            for (number, cluster) in clusters.enumerated() {
                print(String(format: "  cluster %2d  %4d same %5d different  threshold %.4g  F1 %.3f", number + 1, cluster.positives, cluster.negatives, cluster.threshold, cluster.f1))
            }
        }
        if bootstrap > 0 { print("(* = the rule --save writes; [low, high] = bootstrap 95 % interval of the threshold over \(bootstrap) resamples)") }
    }
}

struct CalibrateSample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Pairs for a person to label, spread over the similarity range.",
        discussion: """
            Scans and embeds DIR (reusing the catalog), pools each image's nearest neighbours with \
            random pairs, cuts the pool's cosine range into --bins equal bins and draws the same \
            number of pairs from each, in a seeded random order. Writes CSV rows \
            `path_a,path_b,label,similarity` with the label left empty: fill it with same or \
            different, then run `likeness calibrate --pairs FILE`. --html writes a page that shows \
            every pair side by side with its row number.
            """)

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir")) var folders: [String]
    @Option(help: "Number of pairs.") var n: Int = 200
    @Option(help: "Similarity bins to spread the pairs over.") var bins: Int = 10
    @Option(help: "Seed for the random pairs and the order.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write the CSV here (default: stdout).", valueName: "csv")) var out: String?
    @Option(help: ArgumentHelp("Write a labelling page here.", valueName: "file")) var html: String?
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        guard n > 0, bins > 0 else { throw ValidationError("--n and --bins must be positive") }
    }

    func run() throws {
        let catalog = try catalogOptions.open()
        let (model, input) = try modelOptions.open()
        let space: EmbeddingSpace
        do {
            _ = try CatalogScanner(catalog: catalog).scan(folders, progress: TerminalProgress())
            let filled = try EmbeddingSpace.filled(catalog: catalog, model: model, input: input, under: folders, progress: TerminalProgress())
            for skipped in filled.skipped { Output.note("skipped \(skipped.message)") }
            space = filled.space
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
        guard space.images.count >= 2 else { throw CommandFailure("need at least two usable images in \(folders.joined(separator: ", ")), found \(space.images.count)") }
        let pairs = StratifiedPairSampler(count: n, bins: bins, seed: seed).sample(space)
        var lines = ["path_a,path_b,label,similarity"]
        lines += pairs.map { CSV.line([$0.a, $0.b, "", String(format: "%.4f", $0.similarity)]) }
        let text = lines.joined(separator: "\n") + "\n"
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            Output.note("\(pairs.count) pairs to label in \(out); fill the label column with same or different")
        } else {
            print(text, terminator: "")
        }
        if let html {
            let thumbnails = try Thumbnails().dataURIs(Array(Set(pairs.flatMap { [$0.a, $0.b] })))
            var report = DuplicateReport(
                title: "Likeness pairs to label",
                summary: "\(pairs.count) pairs from \(space.images.count) images, spread over cosine \(String(format: "%.2f", pairs.map(\.similarity).min() ?? 0))–\(String(format: "%.2f", pairs.map(\.similarity).max() ?? 0)). Row numbers match the CSV's data rows.",
                groups: pairs.enumerated().map { number, pair in
                    DuplicateReport.Group(reason: "Row \(number + 1) · cosine \(String(format: "%.3f", pair.similarity)) · same or different?",
                                          members: [.init(path: pair.a, caption: "a"), .init(path: pair.b, caption: "b")])
                }, thumbnails: thumbnails)
            report.marksKeeper = false
            do { try report.html().write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(html): \(error.localizedDescription)")
            }
            Output.note("labelling page: \(html)")
        }
    }
}
