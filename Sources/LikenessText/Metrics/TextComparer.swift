/// One configured string metric: the metric and, for Jaccard, the shingle length.
public struct TextComparer: Sendable, Equatable {
    public let metric: TextMetric
    /// The shingle sets ``TextMetric/jaccard`` compares (other metrics ignore it).
    public let jaccard: ShingleJaccard

    /// Refuses a shingle length below 1.
    public init(metric: TextMetric, shingle: Int = 2) throws(TextMetricError) {
        self.metric = metric
        self.jaccard = try ShingleJaccard(k: shingle)
    }

    /// The score of two scalar sequences; throws only for Hamming on unequal lengths.
    public func score(_ a: [UInt32], _ b: [UInt32]) throws(TextMetricError) -> TextScore {
        try a.withUnsafeBufferPointer { pa throws(TextMetricError) in
            try b.withUnsafeBufferPointer { pb throws(TextMetricError) in try score(pa, pb) }
        }
    }

    /// The score of two scalar buffers; throws only for Hamming on unequal lengths.
    public func score(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) throws(TextMetricError) -> TextScore {
        let lengths = (a.count, b.count)
        switch metric {
        case .levenshtein: return .edits(Levenshtein.distance(a, b), lengths: lengths)
        case .damerauOSA: return .edits(OptimalStringAlignment.distance(Array(a), Array(b)), lengths: lengths)
        case .damerau: return .edits(DamerauLevenshtein.distance(Array(a), Array(b)), lengths: lengths)
        case .hamming: return .edits(try Hamming.distance(a, b), lengths: lengths)
        case .jaro: return .similarity(Jaro.similarity(a, b))
        case .jaroWinkler: return .similarity(JaroWinkler.similarity(a, b))
        case .jaccard: return .similarity(jaccard.similarity(Array(a), Array(b)))
        }
    }

    /// The most alike score two strings of these lengths (in scalars) can have, for the edit
    /// distances: at least |m − n| edits are needed (Hamming: any difference in length is refused
    /// anyway). nil for the similarities, which have no such bound. A caller that accepts pairs by a
    /// similarity floor or a distance ceiling can skip a pair whose bound already fails.
    public func bestPossible(lengths: (Int, Int)) -> TextScore? {
        guard metric.isEditDistance else { return nil }
        return .edits(abs(lengths.0 - lengths.1), lengths: lengths)
    }

    /// The score of two strings, compared as Unicode scalars (``ScalarText``) held in temporary
    /// memory. Inlinable, so a caller's string type is specialised rather than passed generically.
    @inlinable
    public func score(_ a: some StringProtocol, _ b: some StringProtocol) throws(TextMetricError) -> TextScore {
        try ScalarText.withScalars(a) { pa throws(TextMetricError) in
            try ScalarText.withScalars(b) { pb throws(TextMetricError) in try score(pa, pb) }
        }
    }
}
