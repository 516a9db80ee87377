/// Ranks 1…n of a vector's components, tied components sharing the mean of the ranks they span
/// (the "average" method, as `scipy.stats.rankdata` does by default).
///
/// Example: `[10, 20, 10, 30]` ranks as `[1.5, 3, 1.5, 4]`.
public enum TiedRanks {
    /// The tie-averaged ranks of `values`, in their order.
    public static func of(_ values: UnsafeBufferPointer<Float>) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold one value: ranks start+1 … end, whose mean is (start + 1 + end) / 2.
            let shared = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = shared }
            start = end
        }
        return ranks
    }

    /// The tie-averaged ranks of an array.
    public static func of(_ values: [Float]) -> [Double] { values.withUnsafeBufferPointer { of($0) } }
}
