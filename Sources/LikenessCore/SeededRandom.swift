/// A small, fast, seeded random number generator (SplitMix64, Steele, Lea and Flood 2014), so
/// every sample Likeness draws (query subsets, pair samples, bootstrap resamples) is repeatable.
///
/// Seeded code draws only through the methods here (``next()``, ``nextUnit()``, ``int(in:)``,
/// ``shuffle(_:)``), never through the standard library's `random(in:using:)`, `shuffle(using:)`
/// or `randomElement(using:)`: their algorithms are not promised to stay the same across Swift
/// releases, and a seed must give the same sample everywhere.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension SeededRandom {
    /// A uniform integer in `0..<bound` by Lemire's nearly divisionless method (multiply, and
    /// reject the few draws that would bias the result).
    ///
    /// Reference: D. Lemire, "Fast random integer generation in an interval" (2019).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "cannot draw below 0")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// A uniform integer in a non-empty half-open range.
    public mutating func int(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "cannot draw from an empty range")
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
        return range.lowerBound &+ Int(truncatingIfNeeded: below(span))
    }

    /// A uniform integer in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound) &+ 1
        // The whole of Int's range: every 64-bit draw is uniform already.
        guard span != 0 else { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: below(span))
    }

    /// A uniformly chosen element, or nil for an empty collection.
    public mutating func element<C: Collection>(of items: C) -> C.Element? {
        guard !items.isEmpty else { return nil }
        return items[items.index(items.startIndex, offsetBy: int(in: 0..<items.count))]
    }

    /// Fisher–Yates shuffle driven by this generator alone (not the standard library's, whose
    /// algorithm may change between releases), so a seed gives the same order everywhere.
    ///
    /// From the last position down, each item swaps with one at or before it; the draw is
    /// `next() % (i + 1)` (its bias is below 2⁻⁴⁰ for any array that fits in memory, and the
    /// sequence is pinned by tests, so it stays).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, Int(next() % UInt64(i + 1))) }
    }

    /// A shuffled copy of `items`; see ``shuffle(_:)``.
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }
}
