/// The common prefix and suffix two strings share, which no edit distance counts.
enum EditTrim {
    /// `start` is the length of the common prefix; `endA` and `endB` are where the common suffix
    /// (not overlapping the prefix) begins in each.
    @inline(__always)
    static func bounds(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> (start: Int, endA: Int, endB: Int) {
        var start = 0
        let shorter = min(a.count, b.count)
        while start < shorter && a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start && endB > start && a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        return (start, endA, endB)
    }
}
