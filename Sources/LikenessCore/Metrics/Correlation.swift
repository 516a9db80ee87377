/// Pearson and Spearman correlation, in `Double`.
public enum Correlation {
    /// Pearson correlation of two equal-length samples, by the two-pass (centred) formula; nil
    /// when either is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var xy = 0.0, xx = 0.0, yy = 0.0
        for i in x.indices {
            let a = x[i] - meanX, b = y[i] - meanY
            xy += a * b
            xx += a * a
            yy += b * b
        }
        guard xx > 0, yy > 0 else { return nil }
        return min(1, max(-1, xy / (xx.squareRoot() * yy.squareRoot())))
    }

    /// Pearson correlation of two `Float` vectors; nil when either is constant.
    public static func pearson(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double? {
        pearson(x.map(Double.init), y.map(Double.init))
    }

    /// Spearman rank correlation: Pearson correlation of the tie-averaged ranks (``TiedRanks``);
    /// nil when either vector is constant.
    public static func spearman(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double? {
        pearson(TiedRanks.of(x), TiedRanks.of(y))
    }
}
