/// The match vectors of a pattern for bit-parallel string algorithms: for each symbol, a bit set
/// over the pattern's positions where it occurs, ``words`` 64-bit words per symbol.
///
/// Only the pattern's distinct scalars get rows (row 0 is all zeros, for every scalar the pattern
/// lacks), so building it touches a few kilobytes even for a long pattern. Scalars below 256 find
/// their row through a 256-entry index; higher ones through a small open-addressing hash table.
/// Everything lives in temporary (stack when small enough) memory for the duration of
/// ``with(_:_:)``, so a comparison allocates nothing on the heap and counts no references. The
/// rows are the caller's scratch there: ``Jaro`` clears the positions it has matched.
struct PatternBits {
    /// 64-bit words per symbol: ⌈pattern length / 64⌉.
    let words: Int
    /// Rows in the table, the zero row included.
    let rows: Int
    /// ``rows`` × ``words`` words; row 0 is zero.
    private let table: UnsafeMutablePointer<UInt64>
    /// Row of each scalar below 256; 0 for absent ones.
    private let index: UnsafePointer<Int32>
    /// Open-addressing keys (``emptyKey`` where free) and rows of the scalars from 256 up.
    private let highKeys: UnsafePointer<UInt32>
    private let highRows: UnsafePointer<Int32>
    /// Hash table slots minus one (a power of two minus one); 0 when the pattern has no high scalar.
    private let highMask: Int

    /// Not a Unicode scalar value, so it marks a free slot.
    private static let emptyKey: UInt32 = .max

    /// Builds the bit sets of `pattern` and calls `body` with them; they are valid only inside it.
    @inline(__always)
    static func with<R>(_ pattern: UnsafeBufferPointer<UInt32>, _ body: (PatternBits) -> R) -> R {
        var highCount = 0
        for scalar in pattern where scalar >= 256 { highCount += 1 }
        // Slots: a power of two at least twice the high scalars, so probes stay short.
        var slots = highCount == 0 ? 1 : 2
        while slots < 2 * highCount { slots <<= 1 }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256 + slots) { small in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: slots) { keys in
                let index = small.baseAddress!, highRows = index + 256
                index.initialize(repeating: 0, count: 256)
                keys.initialize(repeating: emptyKey)
                let words = (pattern.count + 63) / 64
                // First pass: number the distinct scalars (row 0 stays the zero row).
                var rows: Int32 = 1
                for scalar in pattern {
                    if scalar < 256 {
                        if index[Int(scalar)] == 0 { index[Int(scalar)] = rows; rows += 1 }
                    } else {
                        var slot = slotOf(scalar, mask: slots - 1)
                        while keys[slot] != emptyKey && keys[slot] != scalar { slot = (slot + 1) & (slots - 1) }
                        if keys[slot] == emptyKey {
                            keys[slot] = scalar
                            highRows[slot] = rows
                            rows += 1
                        }
                    }
                }
                return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Int(rows) * words) { table in
                    table.initialize(repeating: 0)
                    let bits = PatternBits(words: words, rows: Int(rows), table: table.baseAddress!, index: UnsafePointer(index),
                                           highKeys: UnsafePointer(keys.baseAddress!), highRows: UnsafePointer(highRows),
                                           highMask: highCount == 0 ? 0 : slots - 1)
                    // Second pass: set each position's bit in its scalar's row.
                    for position in 0..<pattern.count {
                        let start = bits.rowNumber(pattern[position]) * words
                        table[start + position >> 6] |= 1 &<< UInt64(position & 63)
                    }
                    return body(bits)
                }
            }
        }
    }

    private init(words: Int, rows: Int, table: UnsafeMutablePointer<UInt64>, index: UnsafePointer<Int32>, highKeys: UnsafePointer<UInt32>,
                 highRows: UnsafePointer<Int32>, highMask: Int) {
        self.words = words
        self.rows = rows
        self.table = table
        self.index = index
        self.highKeys = highKeys
        self.highRows = highRows
        self.highMask = highMask
    }

    /// The first slot to probe for a high scalar (Fibonacci hashing).
    @inline(__always)
    private static func slotOf(_ scalar: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(scalar) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The row of `scalar` (0, the zero row, when the pattern lacks it).
    @inline(__always)
    func rowNumber(_ scalar: UInt32) -> Int {
        scalar < 256 ? Int(index[Int(scalar)]) : highRowNumber(scalar)
    }

    /// The row of a scalar from 256 up, probed in the hash table.
    @inline(never)
    private func highRowNumber(_ scalar: UInt32) -> Int {
        guard highMask != 0 else { return 0 }
        var slot = Self.slotOf(scalar, mask: highMask)
        while true {
            let key = highKeys[slot]
            if key == scalar { return Int(highRows[slot]) }
            if key == Self.emptyKey { return 0 }
            slot = (slot + 1) & highMask
        }
    }

    /// The words of row number `number`.
    @inline(__always)
    func row(number: Int) -> UnsafeMutablePointer<UInt64> { table + number &* words }

    /// The words of `scalar`'s row.
    @inline(__always)
    func row(_ scalar: UInt32) -> UnsafeMutablePointer<UInt64> { row(number: rowNumber(scalar)) }
}
