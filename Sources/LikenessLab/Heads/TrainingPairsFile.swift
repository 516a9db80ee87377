import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// A labelled-pairs CSV (`path_a,path_b,label`, as `calibrate sample` writes and a person fills
/// in) read for training a pair scorer: each image's base feature computed once, and the pairs as
/// rows of that feature matrix.
struct TrainingPairsFile {
    var features: Matrix
    var pairs: [ContrastiveLoss.Pair]
    /// Rows not labelled yet (left out).
    var unlabelled: Int
    /// Rows that could not be read, and pairs whose image has no feature, with why.
    var skipped: [String]
    var seconds: Double

    /// Reads `file` and computes `method`'s feature of every image it names.
    ///
    /// - Throws: ``JobError/invalidInput(_:)`` when the file cannot be read, has no labelled pair,
    ///   or its pairs are all of one label (a scorer needs both).
    static func load(_ file: String, method: EvalMethod, extraction: FeatureExtraction.Configuration,
                     context: JobContext) throws(JobError) -> TrainingPairsFile {
        let started = ContinuousClock.now
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw .file(path: file, message: "cannot read the file") }
        let parsed = LabelledPairs.parsePairs(text)
        guard !parsed.pairs.isEmpty else {
            throw .invalidInput("\(file) has no labelled pair (\(parsed.unlabelled) unlabelled); fill in the label column (same/different) first")
        }
        guard Set(parsed.pairs.map(\.same)).count == 2 else {
            throw .invalidInput("every labelled pair of \(file) is \(parsed.pairs[0].same ? "same" : "different"); a scorer needs both kinds")
        }
        var seen = Set<String>()
        let paths = parsed.pairs.flatMap { [$0.a, $0.b] }.filter { seen.insert($0).inserted }
        let data = EvalDataset(paths: paths, groups: [Int](repeating: 0, count: paths.count), groupNames: ["pairs"])
        let vectors: [[Float]?]
        do {
            vectors = try FeatureExtraction(configuration: extraction)
                .features(method, of: data, progress: context.progress, cancellation: context.cancellation).vectors
        } catch {
            throw .wrapping(error)
        }
        var rows: [String: Int] = [:], values: [Float] = [], width: Int?
        var skipped = parsed.skipped
        for (path, vector) in zip(paths, vectors) {
            guard let vector else { continue }
            guard vector.allSatisfy(\.isFinite) else { skipped.append("\(path): the \(method.name) feature is not finite"); continue }
            if width == nil { width = vector.count }
            guard vector.count == width else { throw .invalidInput("\(path) has a \(vector.count)-d feature, the others \(width!)-d") }
            rows[path] = rows.count
            values += vector
        }
        var pairs: [ContrastiveLoss.Pair] = []
        for pair in parsed.pairs {
            guard let a = rows[pair.a], let b = rows[pair.b] else {
                skipped.append("\(pair.a), \(pair.b): no \(method.name) feature for \(rows[pair.a] == nil ? pair.a : pair.b)")
                continue
            }
            pairs.append(.init(a, b, same: pair.same))
        }
        guard let width, !pairs.isEmpty else { throw .invalidInput("no pair of \(file) has \(method.name) features for both images") }
        return TrainingPairsFile(features: Matrix(rows: rows.count, columns: width, values: values), pairs: pairs, unlabelled: parsed.unlabelled,
                                 skipped: skipped, seconds: (ContinuousClock.now - started).seconds)
    }
}
