import LikenessEngine

extension CalibrationReport {
    /// The report of a calibration job's outcome, as the CLI's `--report` and the server's
    /// calibration page show it; nil when the outcome carries no curves (decoded from JSON).
    public init?(outcome: CalibrationOutcome, notes: [String] = []) {
        guard let calibration = outcome.calibration else { return nil }
        self.init(method: outcome.method,
                  scaleName: outcome.scale.explanation,
                  positiveScores: outcome.positiveScores, negativeScores: outcome.negativeScores, calibration: calibration,
                  rows: outcome.choices.map { .init(rule: $0.rule.rawValue, point: $0.point, interval: $0.interval, chosen: $0.rule == outcome.file.rule) },
                  rocAUCInterval: outcome.rocAUCInterval, notes: notes, warnings: outcome.warnings)
    }
}
