import Dispatch
import Foundation
import LikenessCore
import LikenessNumerics

extension ExactVectorIndex {
    /// For every stored vector its `k` closest others within `threshold`: the upper triangle of
    /// the self-product in sgemm tiles of at most 1024 × 1024 (``rowTile`` if smaller), each tile
    /// scanned in parallel.
    ///
    /// An off-diagonal tile (rows a…, columns b…) offers every score twice, to the row's heap
    /// and to the column's; these heaps are disjoint, so the row-side and column-side passes run
    /// on different threads, each split into chunks of rows or columns. A diagonal tile is
    /// scanned whole, row by row, each row offering to its own heap. Candidates are kept in
    /// bounded heaps keyed by squared distance (L2) or minus the score, refused by one comparison
    /// with the threshold's key until full and with the worst kept one after; the exact threshold
    /// test is applied at the end. Results do not depend on the thread count.
    func allNeighbors(k: Int, within threshold: Float) -> [[Neighbor]] {
        let n = count
        guard k > 0, n > 0 else { return Array(repeating: [], count: n) }
        let kept = Swift.min(k, n - 1)
        guard kept > 0 else { return Array(repeating: [], count: n) }
        let l2 = metric == .l2
        // Keys beyond the threshold are refused at once (with a little slack for L2's square;
        // the exact test is applied at the end).
        let bound: Float = threshold.isFinite ? (l2 ? threshold * threshold * (1 + 1e-5) + Float.leastNormalMagnitude : -threshold) : .infinity
        let heaps = NeighbourHeaps(count: n, k: kept, bound: bound)
        defer { heaps.deallocate() }
        // Tiles of at most 1024 × 1024 scores (4 MB) stay in the last-level cache between the
        // product and the two passes that read them.
        let tile = Swift.min(rowTile, 1024), d = dimension
        let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        var scores = [Float](repeating: 0, count: tile * tile)
        vectors.withUnsafeBufferPointer { all in
            squaredNorms.withUnsafeBufferPointer { norms in
                scores.withUnsafeMutableBufferPointer { buffer in
                    nonisolated(unsafe) let c = buffer.baseAddress!, norms = norms
                    for a in stride(from: 0, to: n, by: tile) {
                        let aCount = Swift.min(tile, n - a)
                        for b in stride(from: a, to: n, by: tile) {
                            let bCount = Swift.min(tile, n - b)
                            BLAS.productWithTranspose(m: aCount, n: bCount, k: d, all.baseAddress! + a * d, all.baseAddress! + b * d, into: c)
                            // Chunks: rows of the tile (offering to row heaps), then, off the
                            // diagonal, columns of the tile (offering to column heaps).
                            let pieces = Swift.max(1, workers * 2)
                            let rowChunk = (aCount + pieces - 1) / pieces, columnChunk = (bCount + pieces - 1) / pieces
                            let rowTasks = (aCount + rowChunk - 1) / rowChunk
                            let columnTasks = a == b ? 0 : (bCount + columnChunk - 1) / columnChunk
                            DispatchQueue.concurrentPerform(iterations: rowTasks + columnTasks) { task in
                                if task < rowTasks {
                                    for i in (task * rowChunk)..<Swift.min(aCount, (task + 1) * rowChunk) {
                                        let row = a + i, normI = norms[row], line = c + i * bCount
                                        // The bound stays in a register until a candidate passes it.
                                        var bound = heaps.worst[row]
                                        for j in 0..<bCount where b + j != row {
                                            let key = l2 ? normI + norms[b + j] - 2 * line[j] : -line[j]
                                            if key <= bound {
                                                heaps.offer(row, key: key, id: Int32(b + j))
                                                bound = heaps.worst[row]
                                            }
                                        }
                                    }
                                } else {
                                    let start = (task - rowTasks) * columnChunk, end = Swift.min(bCount, start + columnChunk)
                                    for i in 0..<aCount {
                                        let row = a + i, normI = norms[row], line = c + i * bCount
                                        for j in start..<end {
                                            let key = l2 ? normI + norms[b + j] - 2 * line[j] : -line[j]
                                            if key <= heaps.worst[b + j] { heaps.offer(b + j, key: key, id: Int32(row)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let metric = metric
        return (0..<n).map { row in
            heaps.sorted(row).map { candidate in
                Neighbor(id: Int(candidate.id), score: l2 ? Swift.max(0, candidate.key).squareRoot() : -candidate.key)
            }
            .filter { metric.accepts($0.score, within: threshold) }
            .sorted { metric.ranks($0, before: $1) }
        }
    }
}
