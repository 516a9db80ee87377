/// The one exhaustive all-pairs scan: every pair `(i, j)`, `i < j`, of `count` items whose
/// distance is within a limit, with the upper triangle split across workers.
///
/// Rows are interleaved across workers (worker `w` takes rows `w`, `w + workers`, …) so each gets
/// a similar share of the triangle. Memory is the pairs found; time is `count²/2` distance calls.
/// It is the exact reference for hashes (Hamming, continuous hash distances) and for any
/// benchmark that needs every pair; vectors use the BLAS tiles of the exact vector index instead.
public enum AllPairs {
    /// A pair `(i, j)` with `i < j` and its distance.
    public struct Pair<Distance: Hashable & Sendable>: Hashable, Sendable {
        public var i: Int
        public var j: Int
        public var distance: Distance

        @inlinable
        public init(i: Int, j: Int, distance: Distance) {
            self.i = i
            self.j = j
            self.distance = distance
        }
    }

    /// Every pair whose `distance(i, j)` is at most `limit`, ordered by `(i, j)`.
    @inlinable
    public static func within<Distance: Comparable & Hashable & Sendable>(
        _ limit: Distance, count: Int, workers: Int = 1, distance: @escaping @Sendable (Int, Int) -> Distance
    ) -> [Pair<Distance>] {
        guard count > 1 else { return [] }
        let lanes = max(1, min(workers, count))
        let found = ParallelWork.map(Array(0..<lanes), workers: lanes) { lane -> [Pair<Distance>] in
            var pairs: [Pair<Distance>] = []
            for i in stride(from: lane, to: count, by: lanes) {
                for j in (i + 1)..<count {
                    let d = distance(i, j)
                    if d <= limit { pairs.append(Pair(i: i, j: j, distance: d)) }
                }
            }
            return pairs
        }
        return found.flatMap { $0 }.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }
}
