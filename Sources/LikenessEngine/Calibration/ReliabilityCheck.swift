import Foundation
import LikenessAnalysis

/// Whether the precision and recall a calibration reports for its saved threshold can be trusted:
/// enough pairs, a target the bootstrap reached in every resample, an interval over which
/// precision and recall hardly change, and (for a precision target) what the mix of pairs means.
struct ReliabilityCheck {
    /// The largest change of precision or recall across the saved threshold's bootstrap interval
    /// that still counts as stable: 0.05 (5 points). Beyond it another sample of the same kind of
    /// pairs could give a threshold with visibly different precision or recall.
    static let stableSpread = 0.05

    /// The calibration in score space (higher = more alike).
    let calibration: ScoreCalibration
    let bootstrap: ScoreCalibration.Bootstrap?
    let configuration: CalibrationConfiguration
    /// From score space to the method's units and back (the identity, or negation for distances).
    let unit: (Double) -> Double

    /// One sentence per problem with `chosen`, the rule whose threshold `file` saves.
    func warnings(for chosen: CalibrationOutcome.Choice, file: CalibrationFile) -> [String] {
        var warnings: [String] = []
        let format = { (value: Double) in String(format: "%.4g", value) }
        let direction = file.scale.higherIsMoreAlike ? "≥" : "≤"
        if file.smallSample {
            warnings.append("calibrated from only \(file.positives) same and \(file.negatives) different pairs "
                            + "(fewer than \(CalibrationConfiguration.minimumPairs) of a kind, allowed by --allow-small): "
                            + "precision, recall and the interval are rough; the saved file is marked as such")
        }
        if let bootstrap {
            let target: (name: String, value: Double?, reached: Int?)? = switch chosen.rule {
            case .targetRecall: ("recall", configuration.targetRecall, bootstrap.targetRecallReached)
            case .targetPrecision: ("precision", configuration.targetPrecision, bootstrap.targetPrecisionReached)
            default: nil
            }
            if let target, let value = target.value, let reached = target.reached, reached < bootstrap.resamples {
                warnings.append("the target \(target.name) \(format(value)) was reached in only \(reached) of \(bootstrap.resamples) bootstrap "
                                + "resamples: with another sample of such pairs it may not be reachable, and the interval covers only those \(reached)")
            }
        }
        if let interval = chosen.interval {
            let ends = [interval.low, interval.high].compactMap { end in calibration.curve.last { $0.threshold >= unit(end) } } + [chosen.point]
            let precisions = ends.map(\.precision), recalls = ends.map(\.recall)
            let spread = max(precisions.max()! - precisions.min()!, recalls.max()! - recalls.min()!)
            if spread > Self.stableSpread {
                warnings.append("the threshold is unstable: resampling the pairs moves it between \(format(interval.low)) and \(format(interval.high)) "
                                + "(95 % interval), over which precision on these pairs ranges "
                                + String(format: "%.3f–%.3f and recall %.3f–%.3f", precisions.min()!, precisions.max()!, recalls.min()!, recalls.max()!)
                                + "; label more pairs, especially near the threshold, or choose another rule")
            }
        }
        if chosen.rule == .targetPrecision {
            let share = Double(file.positives) / Double(max(1, file.positives + file.negatives))
            let fpr = chosen.point.falsePositiveRate ?? 0
            warnings.append(String(format: "precision %.3f is measured on these pairs, %.0f %% of which are same pairs; in a collection, where far fewer pairs "
                                   + "are copies, it is lower. What carries over is the false-positive rate: %.2f %% of different pairs score %@ %@, "
                                   + "%.0f in every 10,000 (a folder of 1,000 images holds 499,500 pairs)",
                                   chosen.point.precision, share * 100, fpr * 100, direction, format(chosen.point.threshold), fpr * 10_000))
        }
        return warnings
    }
}
