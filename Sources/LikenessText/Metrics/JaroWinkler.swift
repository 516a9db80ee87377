/// Jaro–Winkler similarity, in [0, 1]: the ``Jaro`` similarity j raised for a common prefix,
/// j + ℓ·p·(1 − j), where ℓ is the length of the common prefix up to ``maximumPrefix`` (4) scalars
/// and p is ``prefixScale`` (0.1).
///
/// The boost applies only when j is above ``boostThreshold`` (0.7), Winkler's original rule and
/// the default of `jellyfish` and `rapidfuzz`; below it the result is j. With p·4 ≤ 1 the result
/// stays within [0, 1]. Unicode scalars (``ScalarText``).
///
/// Reference: W. E. Winkler, "String comparator metrics and enhanced decision rules in the
/// Fellegi–Sunter model of record linkage", Proc. Section on Survey Research Methods, ASA, 1990.
public enum JaroWinkler {
    /// Weight of each common-prefix scalar.
    public static let prefixScale = 0.1
    /// The longest prefix that counts.
    public static let maximumPrefix = 4
    /// Jaro similarities at or below this are returned unboosted.
    public static let boostThreshold = 0.7

    /// The Jaro–Winkler similarity of `a` and `b`.
    public static func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        ScalarText.withScalars(a) { pa in ScalarText.withScalars(b) { pb in similarity(pa, pb) } }
    }

    /// The Jaro–Winkler similarity of two scalar sequences.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in similarity(pa, pb) } }
    }

    /// The Jaro–Winkler similarity of two scalar buffers.
    public static func similarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        let jaro = Jaro.similarity(a, b)
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        let limit = min(maximumPrefix, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }
}
