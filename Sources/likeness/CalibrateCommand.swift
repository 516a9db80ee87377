import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose a similarity threshold from labelled pairs instead of guessing one.",
        discussion: """
            --pairs FILE: CSV rows `path_a,path_b,label` (label same/different, or 1/0); both images \
            are embedded with the model and scored by cosine. --scores FILE: CSV rows `score,label` \
            from any source (higher = more alike). Prints ROC AUC, average precision, the equal error \
            rate and thresholds by best F1, Youden's J, the valley between the two score modes (Otsu), \
            and for --target-recall / --target-precision. Rows with unknown paths or bad labels are \
            reported and skipped.
            """)

    @Option(help: ArgumentHelp("Labelled image pairs (path_a,path_b,label).", valueName: "csv")) var pairs: String?
    @Option(help: ArgumentHelp("Labelled scores (score,label).", valueName: "csv")) var scores: String?
    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "Also report the highest threshold reaching this recall.") var targetRecall: Double?
    @Option(help: "Also report the lowest threshold keeping this precision.") var targetPrecision: Double?
    @Option(help: ArgumentHelp("Write the calibration as JSON here.", valueName: "file")) var save: String?
    @Flag(help: "Print JSON on stdout.") var json = false

    func validate() throws {
        guard (pairs == nil) != (scores == nil) else { throw ValidationError("give exactly one of --pairs or --scores") }
    }

    struct Report: Encodable {
        var source: String
        var skipped: [String]
        var calibration: ScoreCalibration
        var targetRecall: ScoreCalibration.Point?
        var targetPrecision: ScoreCalibration.Point?
    }

    func run() throws {
        var skipped: [String] = []
        var values: [Double] = [], labels: [Bool] = []
        let file = pairs ?? scores!
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("cannot read \(file)") }
        let rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        func label(_ text: String) -> Bool? {
            switch text.lowercased() {
            case "1", "same", "true", "yes", "duplicate": true
            case "0", "different", "false", "no": false
            default: nil
            }
        }
        if scores != nil {
            for (number, row) in rows.enumerated() {
                guard row.count >= 2, let score = Double(row[0]), let same = label(row[1]) else {
                    if number > 0 || Double(row.first ?? "") != nil { skipped.append("line \(number + 1): expected score,label") }
                    continue
                }
                values.append(score); labels.append(same)
            }
        } else {
            let (model, input) = try modelOptions.open()
            var cache: [String: [Float]] = [:]
            func vector(_ path: String) -> [Float]? {
                if let cached = cache[path] { return cached }
                guard let data = FileManager.default.contents(atPath: path),
                      let pixels = try? input.pixels(from: Array(data), path: path),
                      let result = try? model.embed([pixels]).first?.get() else { return nil }
                cache[path] = result
                return result
            }
            for (number, row) in rows.enumerated() {
                guard row.count >= 3, let same = label(row[2]) else {
                    if number > 0 { skipped.append("line \(number + 1): expected path_a,path_b,label") }
                    continue
                }
                guard let a = vector(row[0]) else { skipped.append("line \(number + 1): unknown or unreadable image \(row[0])"); continue }
                guard let b = vector(row[1]) else { skipped.append("line \(number + 1): unknown or unreadable image \(row[1])"); continue }
                values.append(Double(a.cosineSimilarity(to: b))); labels.append(same)
            }
        }
        guard labels.contains(true), labels.contains(false) else {
            throw CommandFailure("need at least one 'same' and one 'different' pair (read \(labels.count) usable rows; \(skipped.count) skipped)")
        }
        let calibration = ScoreCalibration(scores: values, labels: labels)
        let out = Report(source: file, skipped: skipped, calibration: calibration,
                         targetRecall: targetRecall.flatMap(calibration.threshold(forRecall:)),
                         targetPrecision: targetPrecision.flatMap(calibration.threshold(forPrecision:)))
        if let save {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(out).write(to: URL(fileURLWithPath: save))
        }
        if json { try Output.json(out); return }
        for line in skipped { Output.note("skipped \(line)") }
        let c = calibration
        print("\(c.positives) same and \(c.negatives) different pairs from \(file)")
        print(String(format: "ROC AUC %.4f   average precision %.4f   equal error rate %.4f", c.rocAUC, c.averagePrecision, c.equalErrorRate))
        func show(_ name: String, _ p: ScoreCalibration.Point?) {
            guard let p else { print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) unreachable"); return }
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "threshold %.4f   precision %.3f   recall %.3f   FPR %.3f   F1 %.3f", p.threshold, p.precision, p.recall, p.falsePositiveRate, p.f1))
        }
        show("best F1", c.bestF1)
        show("Youden's J", c.youden)
        show("valley (Otsu)", c.valley)
        if let r = targetRecall { show("recall ≥ \(r)", out.targetRecall) }
        if let p = targetPrecision { show("precision ≥ \(p)", out.targetPrecision) }
    }
}
