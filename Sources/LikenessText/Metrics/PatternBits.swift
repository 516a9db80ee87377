/// The match vectors of a pattern for bit-parallel string algorithms: for each symbol, a bit set
/// over the pattern's positions where it occurs, `words` 64-bit words per symbol.
///
/// Only the pattern's distinct scalars get rows (row 0 is all zeros, for every scalar the
/// pattern lacks), so building it touches a few kilobytes even for a long pattern: scalars below
/// 256 find their row through a 256-entry index, higher ones through a small dictionary.
struct PatternBits {
    /// 64-bit words per symbol: ⌈pattern length / 64⌉.
    let words: Int
    private var table: [UInt64]
    private var index: [Int32]
    private let high: [UInt32: Int32]

    init(_ pattern: UnsafeBufferPointer<UInt32>) {
        words = (pattern.count + 63) / 64
        var index = [Int32](repeating: 0, count: 256)
        var high: [UInt32: Int32] = [:]
        var rows: Int32 = 1
        for scalar in pattern {
            if scalar < 256 {
                if index[Int(scalar)] == 0 { index[Int(scalar)] = rows; rows += 1 }
            } else if high[scalar] == nil {
                high[scalar] = rows
                rows += 1
            }
        }
        var table = [UInt64](repeating: 0, count: Int(rows) * words)
        for (position, scalar) in pattern.enumerated() {
            let row = scalar < 256 ? index[Int(scalar)] : high[scalar]!
            table[Int(row) * words + position >> 6] |= 1 << UInt64(position & 63)
        }
        self.table = table
        self.index = index
        self.high = high
    }

    /// The first word of `scalar`'s row in the table.
    @inline(__always)
    func rowStart(_ scalar: UInt32) -> Int {
        let row = scalar < 256 ? index.withUnsafeBufferPointer { $0[Int(scalar)] } : (high[scalar] ?? 0)
        return Int(row) * words
    }

    /// Calls `body` with the table's words.
    @inline(__always)
    func withTable<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R { table.withUnsafeBufferPointer(body) }
}
