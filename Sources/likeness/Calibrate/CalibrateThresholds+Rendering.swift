import Foundation
import LikenessEngine
import LikenessReport

extension CalibrateThresholds {
    /// Notes on stderr, then the summary and one line per rule.
    func printText(_ result: CalibrateJob.Result) {
        let outcome = result.calibration
        for line in result.skipped { Output.note("skipped \(line)") }
        print("\(outcome.positives) same and \(outcome.negatives) different pairs from \(result.source), scored by \(outcome.method)")
        let auc = String(format: "ROC AUC %.4f", outcome.rocAUC) + (outcome.rocAUCInterval.map { String(format: " (%.4f–%.4f)", $0.low, $0.high) } ?? "")
        print(auc + String(format: "   average precision %.4f   equal error rate %.4f", outcome.averagePrecision, outcome.equalErrorRate))
        let direction = outcome.scale.higherIsMoreAlike ? "≥" : "≤"
        for choice in outcome.choices {
            let name = (choice.rule.rawValue + (choice.rule == outcome.file.rule ? " *" : "")).leftAligned(19)
            let interval = choice.interval.map { String(format: "[%.4g, %.4g]", $0.low, $0.high) } ?? ""
            let point = choice.point
            print(name + direction + String(format: " %-9.4g ", point.threshold) + interval.leftAligned(22)
                  + String(format: " precision %.3f  recall %.3f  FPR %.3f  F1 %.3f", point.precision, point.recall, point.falsePositiveRate ?? 0, point.f1))
        }
        if let clusters = outcome.file.clusters {
            print("per cluster (best F1):")
            for (number, cluster) in clusters.enumerated() {
                print(String(format: "  cluster %2d  %4d same %5d different  threshold %.4g  F1 %.3f", number + 1, cluster.positives, cluster.negatives, cluster.threshold, cluster.f1))
            }
        }
        if outcome.bootstrapResamples > 0 {
            print("(* = the rule --save writes; [low, high] = bootstrap 95 % interval of the threshold over \(outcome.bootstrapResamples) resamples)")
        }
    }

    /// What happened on the way, on stderr (some only without --json, as before). Warnings about
    /// the saved threshold always go to stderr, JSON or not.
    func printNotes(_ result: CalibrateJob.Result) {
        for warning in result.calibration.warnings { Output.warning(warning) }
        if result.unlabelled > 0 { Output.note("\(result.unlabelled) rows have no label yet and were left out") }
        guard !json else { return }
        if let same = result.sampledSame, let different = result.sampledDifferent {
            Output.note("sampled \(same) same-class and \(different) different-class pairs")
        }
        if let saved = result.savedTo { Output.note("saved \(result.calibration.file.rule.rawValue) threshold to \(saved)") }
    }

    /// The offline HTML report: histograms with every rule's threshold, ROC and PR curves, the table.
    func writeReport(_ result: CalibrateJob.Result, to path: String) throws {
        let notes = ["Pairs from \(result.source)." + (result.skipped.isEmpty ? "" : " \(result.skipped.count) rows or images skipped.")]
        guard let report = CalibrationReport(outcome: result.calibration, notes: notes) else { return }
        do { try report.html().write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        if !json { Output.note("report: \(path)") }
    }
}
