import Foundation
import LikenessAnalysis
import LikenessCore

extension CalibrateJob {
    /// Labelled scores ready for the calibrator, and what was left out on the way.
    struct ScoredPairs {
        var scores: [Double] = []
        var labels: [Bool] = []
        /// The pairs behind the scores, in order (images only).
        var used: [LabelledPair] = []
        var vectors: [String: [Float]] = [:]
        var skipped: [String] = []
        var unlabelled = 0
        var sampledSame: Int?
        var sampledDifferent: Int?
        var method: String
        var fingerprint: String?
        var scale = CalibrationFile.Scale.cosine
    }

    /// Reads or draws the pairs and scores them with ``method``.
    func scoredPairs(in context: JobContext) throws(JobError) -> ScoredPairs {
        var result = ScoredPairs(method: method)
        let labelled: [LabelledPair]
        switch source {
        case .scores(let file):
            let parsed = LabelledPairs.parseScores(try Self.text(of: file))
            (result.scores, result.labels, result.skipped, result.method) = (parsed.scores, parsed.labels, parsed.skipped, "scores")
            return result
        case .pairs(let file):
            let parsed = LabelledPairs.parsePairs(try Self.text(of: file))
            (labelled, result.skipped, result.unlabelled) = (parsed.pairs, parsed.skipped, parsed.unlabelled)
        case .classes(let folder, let perKind):
            do { labelled = try ClassPairSampler(pairsPerKind: perKind, seed: calibration.seed).sample(root: folder) } catch {
                throw .invalidInput(error.description)
            }
            result.sampledSame = labelled.filter(\.same).count
            result.sampledDifferent = labelled.count - result.sampledSame!
        }
        try context.checkCancellation()
        let scoring = try Self.scoring(method, threads: threads, models: context.models)
        (result.fingerprint, result.scale) = (scoring.fingerprint, scoring.scale)
        let scored = try PairScorer(scoring: scoring, workers: context.workers)
            .scores(labelled, progress: context.progress, cancellation: context.cancellation)
        result.skipped += scored.skipped
        for (pair, score) in zip(labelled, scored.scores) {
            guard let score else { continue }
            result.scores.append(score)
            result.labels.append(pair.same)
            result.used.append(pair)
        }
        result.vectors = scored.vectors
        return result
    }

    /// A hash by name, `scorer:NAME` for a trained pair scorer, else a model id or embedding head
    /// opened through `models`; an unknown name lists every kind.
    static func scoring(_ name: String, threads: Int, models: ModelLocator) throws(JobError) -> PairScoring {
        if let hash = try? PerceptualMethod(parsing: name) { return .hash(hash) }
        if name.hasPrefix("scorer:") { return .scorer(try models.openScorer(String(name.dropFirst("scorer:".count)), threads: threads)) }
        let known = models.embeddingNames()
        guard known.contains(name) else {
            throw .invalidInput(UnknownNameError(kind: "method", given: name, valid: known + PerceptualMethod.allCases.map(\.name) + ["scorer:NAME"]).description)
        }
        return .embedding(try models.open(name, threads: threads))
    }

    /// A CSV file's text.
    static func text(of file: String) throws(JobError) -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw .file(path: file, message: "cannot read the file") }
        return text
    }
}
