import Foundation

/// How much two labellings of the same points agree, corrected for chance: the adjusted Rand
/// index and normalised mutual information, as scikit-learn computes them.
///
/// Noise (−1) is treated as one more label, as scikit-learn does: two runs that both call a
/// point noise agree on it. Both functions need labellings of equal length.
public enum ClusterAgreement {
    /// The adjusted Rand index: 1 for identical partitions (up to renaming), about 0 for
    /// independent ones, negative for less agreement than chance.
    ///
    /// Computed from the pair-confusion counts as scikit-learn does, so the degenerate cases give
    /// its values: 1 when no pair is split differently (for example both labellings put every
    /// point in its own cluster, or all in one).
    ///
    /// Reference: L. Hubert and P. Arabie, "Comparing partitions" (Journal of Classification, 1985).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "labellings of \(a.count) and \(b.count) points")
        let table = Contingency(a, b)
        let n = Double(a.count)
        let sumSquares = table.cells.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let rowSquares = table.rows.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let columnSquares = table.columns.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        // Ordered pairs: together in both (tp), apart in b only (fn), apart in a only (fp), apart in both (tn).
        let tp = sumSquares - n
        let fp = columnSquares - sumSquares
        let fn = rowSquares - sumSquares
        let tn = n * n - fp - fn - sumSquares
        if fn == 0 && fp == 0 { return 1 }
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }

    /// Normalised mutual information: I(a; b) over the arithmetic mean of H(a) and H(b), in 0...1
    /// (scikit-learn's default normalisation). 1 when both put every point in one cluster.
    ///
    /// Reference: A. Strehl and J. Ghosh, "Cluster ensembles" (JMLR 2002); N. X. Vinh, J. Epps and
    /// J. Bailey, "Information theoretic measures for clusterings comparison" (JMLR 2010).
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "labellings of \(a.count) and \(b.count) points")
        let table = Contingency(a, b)
        if table.rows.count == table.columns.count && table.rows.count <= 1 { return 1 }
        let n = Double(a.count)
        var information = 0.0
        // Sums run in label order, not the dictionaries' (seeded per process) order, so the same
        // labellings give the same bits in every run.
        for (cell, count) in table.cells.sorted(by: { ($0.key.a, $0.key.b) < ($1.key.a, $1.key.b) }) {
            let joint = Double(count)
            information += joint / n * log(joint * n / (Double(table.rows[cell.a]!) * Double(table.columns[cell.b]!)))
        }
        information = max(information, 0)
        if information == 0 { return 0 }
        let normaliser = (entropy(table.rows, n) + entropy(table.columns, n)) / 2
        return min(1, information / normaliser)
    }

    private static func entropy(_ counts: [Int: Int], _ n: Double) -> Double {
        counts.sorted { $0.key < $1.key }.map(\.value).reduce(0.0) { total, count in
            let p = Double(count) / n
            return total - p * log(p)
        }
    }

    /// Counts per (a, b) label pair and per label of each side.
    private struct Contingency {
        struct Cell: Hashable { let a: Int, b: Int }
        var cells: [Cell: Int] = [:]
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]

        init(_ a: [Int], _ b: [Int]) {
            for (x, y) in zip(a, b) {
                cells[Cell(a: x, b: y), default: 0] += 1
                rows[x, default: 0] += 1
                columns[y, default: 0] += 1
            }
        }
    }
}
