/// Hamming distance between two strings of equal length: the number of positions whose scalars
/// differ. Strings of different lengths are refused with ``TextMetricError/unequalLengths(_:_:)``
/// rather than padded. Unicode scalars (``ScalarText``): equal length means an equal number of scalars.
///
/// Reference: R. W. Hamming, "Error detecting and error correcting codes", Bell System Technical
/// Journal 29(2), 1950.
public enum Hamming {
    /// The number of differing positions between `a` and `b`.
    public static func distance(_ a: some StringProtocol, _ b: some StringProtocol) throws(TextMetricError) -> Int {
        try distance(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The number of differing positions between two scalar sequences of equal length.
    public static func distance(_ a: [UInt32], _ b: [UInt32]) throws(TextMetricError) -> Int {
        try a.withUnsafeBufferPointer { pa throws(TextMetricError) in
            try b.withUnsafeBufferPointer { pb throws(TextMetricError) in try distance(pa, pb) }
        }
    }

    /// The Hamming distance between two scalar buffers of equal length.
    public static func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) throws(TextMetricError) -> Int {
        guard a.count == b.count else { throw .unequalLengths(a.count, b.count) }
        var differing = 0
        for index in a.indices where a[index] != b[index] { differing += 1 }
        return differing
    }
}
