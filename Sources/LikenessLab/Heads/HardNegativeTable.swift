import LikenessCore
import LikenessIndex
import LikenessLearning
import LikenessNumerics

/// Computes ``HardNegatives`` for `train triplet --hard-negatives N`: each training row's nearest
/// rows of another class by cosine on its standardised base features, through the exact index,
/// once before training.
enum HardNegativeTable {
    /// Neighbours looked at per candidate kept: most near neighbours share the row's class.
    static let neighboursPerCandidate = 8

    static func compute(_ rows: Matrix, labels: [Int], candidates: Int, progress: any ProgressReporter) -> HardNegatives {
        let phase = "hard negatives"
        progress.begin(phase, total: rows.rows)
        defer { progress.end(phase) }
        var index = ExactVectorIndex(dimension: rows.columns, metric: .cosine)
        do { try index.add(rows.rowArrays) } catch { preconditionFailure("standardised training rows are finite and of one width: \(error)") }
        let found = index.neighbors(k: min(rows.rows - 1, candidates * neighboursPerCandidate), within: -.infinity)
        progress.advance(phase, completed: rows.rows, total: rows.rows)
        return HardNegatives(neighbours: found.map { $0.map(\.id) }, labels: labels, count: candidates)
    }
}
