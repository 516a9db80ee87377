/// The match vectors of a pattern for bit-parallel string algorithms: for each symbol, a bit set
/// over the pattern's positions where it occurs, `words` 64-bit words per symbol.
///
/// Scalars below 256 index a flat table; the few distinct higher scalars of a pattern get rows
/// after it through a small dictionary, and every scalar the pattern lacks reads an all-zero row.
struct PatternBits {
    /// 64-bit words per symbol: ⌈pattern length / 64⌉.
    let words: Int
    private var table: [UInt64]
    private let high: [UInt32: Int]
    private let zeroRow: Int

    init(_ pattern: UnsafeBufferPointer<UInt32>) {
        words = (pattern.count + 63) / 64
        var high: [UInt32: Int] = [:]
        for scalar in pattern where scalar >= 256 && high[scalar] == nil { high[scalar] = 256 + high.count }
        self.high = high
        zeroRow = 256 + high.count
        table = [UInt64](repeating: 0, count: (zeroRow + 1) * words)
        for (position, scalar) in pattern.enumerated() {
            let row = scalar < 256 ? Int(scalar) : high[scalar]!
            table[row * words + position >> 6] |= 1 << UInt64(position & 63)
        }
    }

    /// The first word of `scalar`'s row in ``table``.
    @inline(__always)
    func rowStart(_ scalar: UInt32) -> Int {
        if scalar < 256 { return Int(scalar) * words }
        return (high[scalar] ?? zeroRow) * words
    }

    /// Calls `body` with the table's words.
    @inline(__always)
    func withTable<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R { table.withUnsafeBufferPointer(body) }
}
