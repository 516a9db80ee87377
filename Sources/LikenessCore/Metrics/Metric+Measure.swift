extension Metric {
    /// The value of this metric between two vectors, computed in `Double` from their `Float`
    /// components: a similarity or a distance as ``higherIsCloser`` says.
    ///
    /// Throws when the vectors cannot be compared by this metric: different lengths, no
    /// components, NaN or infinity, a negative component for Jaccard, χ² or EMD, a component that
    /// is not 0 or 1 for Hamming, a constant vector for Pearson or Spearman, unequal masses for
    /// EMD, and Minkowski's `p` below 1.
    public func measure(_ x: [Float], _ y: [Float]) throws(MetricError) -> Double {
        try x.withUnsafeBufferPointer { a throws(MetricError) in
            try y.withUnsafeBufferPointer { b throws(MetricError) in try measure(a, b) }
        }
    }

    /// ``measure(_:_:)-(Float,Float)`` on buffers.
    public func measure(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) throws(MetricError) -> Double {
        try check(x, y)
        guard let value = unchecked(x, y) else {
            if case .emd = self { _ = try EarthMovers.checkedMasses(x, y) }
            throw .constantVector
        }
        return value
    }

    /// The value on inputs already checked (equal lengths, finite, in the metric's domain), nil
    /// where the metric is undefined: a constant vector for Pearson or Spearman, unequal or zero
    /// masses for EMD. For scans that check every vector once, not every pair.
    public func unchecked(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double? {
        switch self {
        case .cosine: InnerProduct.cosine(x, y)
        case .dot: InnerProduct.dot(x, y)
        case .euclidean: MinkowskiFamily.euclidean(x, y)
        case .squaredEuclidean: MinkowskiFamily.squaredEuclidean(x, y)
        case .manhattan: MinkowskiFamily.manhattan(x, y)
        case .chebyshev: MinkowskiFamily.chebyshev(x, y)
        case .minkowski(let p): MinkowskiFamily.minkowski(x, y, p: p)
        case .pearson: Correlation.pearson(x, y)
        case .spearman: Correlation.spearman(x, y)
        case .jaccard: HistogramDistances.weightedJaccard(x, y)
        case .hamming: Double(HistogramDistances.hamming(x, y))
        case .chiSquare: HistogramDistances.chiSquare(x, y)
        case .emd: (try? EarthMovers.checkedMasses(x, y)).map { EarthMovers.distance(x, y, masses: $0) }
        }
    }

    /// The value of this metric between two bit hashes: Hamming distance (differing bits) or
    /// Jaccard similarity of the set bits. Other metrics do not fit bits.
    public func measure(_ x: BitHash, _ y: BitHash) throws(MetricError) -> Double {
        guard x.count == y.count else { throw .unequalLengths(x.count, y.count) }
        switch self {
        case .hamming: return Double(x.hammingDistance(to: y))
        case .jaccard: return x.jaccardSimilarity(to: y)
        default: throw .doesNotFit(self, kind: .bits, method: "bit hashes")
        }
    }

    /// Throws for anything ``measure(_:_:)-(Float,Float)`` cannot compare, short of the pairwise
    /// conditions (constant vectors, unequal masses).
    public func check(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) throws(MetricError) {
        guard x.count == y.count else { throw .unequalLengths(x.count, y.count) }
        guard !x.isEmpty else { throw .empty(self) }
        if case .minkowski(let p) = self { _ = try Metric.checkedMinkowski(p) }
        try checkDomain(x)
        try checkDomain(y)
    }

    /// Throws unless every component of `vector` is finite and in this metric's domain
    /// (non-negative for Jaccard, χ² and EMD; 0 or 1 for Hamming).
    public func checkDomain(_ vector: UnsafeBufferPointer<Float>) throws(MetricError) {
        for i in 0..<vector.count {
            let v = vector[i]
            guard v.isFinite else { throw .nonFinite(position: i) }
            switch self {
            case .jaccard, .chiSquare, .emd:
                if v < 0 { throw .negativeValue(self, position: i, value: Double(v)) }
            case .hamming:
                if v != 0 && v != 1 { throw .notBinary(position: i, value: Double(v)) }
            default: break
            }
        }
    }
}
