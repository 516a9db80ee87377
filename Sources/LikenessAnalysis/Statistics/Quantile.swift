/// Quantiles of a sample by linear interpolation between order statistics (NumPy's default,
/// Hyndman and Fan's type 7), so a percentile means the same here as in a peer's script.
public enum Quantile {
    /// The `q` quantile (0…1) of `sorted`, which must be in ascending order and not empty.
    public static func of(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "a quantile of nothing")
        let position = max(0, min(1, q)) * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(sorted.count - 1, below + 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    /// The `q` quantile (0…1) of `values` in any order; nil when there are none.
    public static func of(_ values: [Double], _ q: Double) -> Double? {
        values.isEmpty ? nil : of(sorted: values.sorted(), q)
    }
}
