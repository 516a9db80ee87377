/// Perceptual hashes whose value is a short vector of numbers rather than bits.
public enum FeatureMethod: String, Sendable, Codable, CaseIterable {
    case radialVariance = "radial"
    case colorMoments = "colormoments"

    /// The largest distance still called a duplicate by default: the F1-max threshold of the
    /// robustness benchmark on the developers' 45 photos (docs/benchmarks.md, run of 2026-11-24).
    public var defaultThreshold: Double {
        switch self {
        // 1 − peak cross-correlation; the pHash library's own cut (correlation 0.90) joined far
        // more unrelated photos than edited copies here.
        case .radialVariance: 0.0177
        // L2 of the 42 Hu moments.
        case .colorMoments: 0.000231
        }
    }
}

/// A continuous perceptual hash and its method's own distance.
public struct FeatureHash: Sendable, Hashable, Codable {
    public var method: FeatureMethod
    public var values: [Double]

    public init(method: FeatureMethod, values: [Double]) {
        self.method = method
        self.values = values
    }

    /// The method's distance: 0 for identical images.
    ///
    /// - Radial variance: 1 − the peak normalised cross-correlation over circular shifts.
    /// - Colour moments: the Euclidean (L2) distance between the 42 Hu moments.
    public func distance(to other: FeatureHash) -> Double {
        precondition(method == other.method && values.count == other.values.count, "features of different methods or lengths")
        switch method {
        case .radialVariance: return 1 - Self.peakCrossCorrelation(values, other.values)
        case .colorMoments: return zip(values, other.values).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
    }

    /// The largest Pearson correlation between `a` and `b` circularly shifted, in [-1, 1].
    public static func peakCrossCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        let n = a.count
        guard n > 0 else { return 1 }
        let ma = a.reduce(0, +) / Double(n), mb = b.reduce(0, +) / Double(n)
        let da = a.map { $0 - ma }, db = b.map { $0 - mb }
        let norm = (da.reduce(0) { $0 + $1 * $1 } * db.reduce(0) { $0 + $1 * $1 }).squareRoot()
        guard norm > 0 else { return da == db ? 1 : 0 }
        var best = -1.0
        for shift in 0..<n {
            var sum = 0.0
            for i in 0..<n { sum += da[i] * db[(i + shift) % n] }
            best = max(best, sum / norm)
        }
        return best
    }
}

/// Turns pixels into a continuous perceptual hash.
public protocol FeatureHasher: Sendable {
    var method: FeatureMethod { get }
    /// The pixel size the input must be decoded (squashed) to.
    var inputSize: (width: Int, height: Int) { get }
    /// True when the features read colour; false when they read only luma (``GreyImage``), which
    /// lets the decoder skip colour.
    var readsColour: Bool { get }
    func features(_ pixels: PixelBuffer) -> FeatureHash
}
