import LikenessCore
/// Retrieval quality from ranked results: each query's ranking as booleans (relevant or not, best
/// first, the query itself already removed) and the number of relevant items it could have found.
public enum RetrievalMetrics {
    /// Share of the first `k` results that are relevant (k counts even when fewer results exist).
    public static func precision(at k: Int, _ ranking: [Bool]) -> Double {
        precondition(k > 0, "k must be positive")
        return Double(ranking.prefix(k).filter { $0 }.count) / Double(k)
    }

    /// Share of the relevant items found in the first `k` results.
    public static func recall(at k: Int, _ ranking: [Bool], relevant: Int) -> Double {
        guard relevant > 0 else { return 0 }
        return Double(ranking.prefix(k).filter { $0 }.count) / Double(relevant)
    }

    /// Average precision over the first `k` results, normalised by min(relevant, k) — the
    /// common "AP@k" of retrieval benchmarks. With `k` = nil, plain average precision over the
    /// whole ranking, normalised by `relevant`.
    public static func averagePrecision(_ ranking: [Bool], relevant: Int, at k: Int? = nil) -> Double {
        let considered = k.map { Array(ranking.prefix($0)) } ?? ranking
        let denominator = k.map { min(relevant, $0) } ?? relevant
        guard denominator > 0 else { return 0 }
        var hits = 0
        var sum = 0.0
        for (position, relevantHere) in considered.enumerated() where relevantHere {
            hits += 1
            sum += Double(hits) / Double(position + 1)
        }
        return sum / Double(denominator)
    }

    /// UKBench N-S score: how many of the group's four images are among the top four results
    /// when the query itself is counted (it is the first result), 0–4.
    public static func nisterStewenius(_ rankingWithQuery: [Bool]) -> Int {
        rankingWithQuery.prefix(4).filter { $0 }.count
    }

    /// The mean of a per-query metric.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
