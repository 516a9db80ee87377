import Dispatch
import Foundation
import LikenessNumerics

extension KMeans {
    /// What one pass over the points found besides their labels and distances.
    struct Pass {
        /// Points whose label changed.
        var changed = 0
        /// Points per centre.
        var counts: [Int]
        /// Per-centre sums of the points' values (k × d, row-major), when the pass accumulated them.
        var sums: [Double]
    }

    /// Rows per block of a pass. Blocks are the unit of parallel work and of summation order.
    static let passBlock = 512

    /// Assigns every point (or only the rows listed in `subset`) to its nearest centre, writing
    /// its label and squared distance (at the point's position in `subset` when given), and (when
    /// `accumulating`) sums each centre's points in the same read, so a Lloyd iteration reads the
    /// points once.
    ///
    /// Blocks of ``passBlock`` rows run in waves of one block per worker; each block sums into
    /// its own slot, and the slots are added to the totals in block order, so the sums (and so
    /// the fit) are the same whatever the number of workers.
    static func assign(_ points: Matrix, norms: [Float], centres: Matrix, labels: inout [Int], distances: inout [Float],
                       subset: [Int]? = nil, accumulating: Bool = false,
                       workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> Pass {
        let (n, d, k) = (subset?.count ?? points.rows, points.columns, centres.rows)
        let subset = subset ?? []
        let nearest = NearestCentres(centres)
        let blocks = (n + passBlock - 1) / passBlock
        let slots = Swift.max(1, Swift.min(workers, blocks))
        var pass = Pass(counts: [Int](repeating: 0, count: k), sums: accumulating ? [Double](repeating: 0, count: k * d) : [])
        var slotSums = [Double](repeating: 0, count: accumulating ? slots * k * d : 0)
        var slotCounts = [Int](repeating: 0, count: slots * k), slotChanged = [Int](repeating: 0, count: slots)
        points.values.withUnsafeBufferPointer { all in
          subset.withUnsafeBufferPointer { subset in
            norms.withUnsafeBufferPointer { norms in
                labels.withUnsafeMutableBufferPointer { labels in
                    distances.withUnsafeMutableBufferPointer { distances in
                        slotSums.withUnsafeMutableBufferPointer { sums in
                            slotCounts.withUnsafeMutableBufferPointer { counts in
                                slotChanged.withUnsafeMutableBufferPointer { changed in
                                    nonisolated(unsafe) let (all, subset, norms, labels, distances) = (all, subset, norms, labels, distances)
                                    let everyRow = subset.isEmpty
                                    nonisolated(unsafe) let (sums, counts, changed) = (sums, counts, changed)
                                    for wave in stride(from: 0, to: blocks, by: slots) {
                                        let inWave = Swift.min(slots, blocks - wave)
                                        DispatchQueue.concurrentPerform(iterations: inWave) { slot in
                                            let start = (wave + slot) * passBlock
                                            for i in start..<Swift.min(n, start + passBlock) {
                                                let point = everyRow ? i : subset[i]
                                                let row = all.baseAddress! + point * d
                                                let (centre, distance) = nearest.nearest(to: row, squaredNorm: norms[point])
                                                if labels[i] != centre { labels[i] = centre; changed[slot] += 1 }
                                                distances[i] = distance
                                                counts[slot * k + centre] += 1
                                                if accumulating {
                                                    let sum = sums.baseAddress! + (slot * k + centre) * d
                                                    for column in 0..<d { sum[column] += Double(row[column]) }
                                                }
                                            }
                                        }
                                        for slot in 0..<inWave {
                                            pass.changed += changed[slot]
                                            changed[slot] = 0
                                            for centre in 0..<k {
                                                pass.counts[centre] += counts[slot * k + centre]
                                                counts[slot * k + centre] = 0
                                            }
                                            if accumulating {
                                                let base = slot * k * d
                                                for i in 0..<(k * d) { pass.sums[i] += sums[base + i]; sums[base + i] = 0 }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
          }
        }
        return pass
    }

    /// Squared distances from every point to each of `targets` (one row per target), computed
    /// in parallel blocks; `result[t * n + i]` is point i's distance to target t.
    static func squaredDistances(_ points: Matrix, norms: [Float], to targets: Matrix,
                                 workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Float] {
        let (n, d, t) = (points.rows, points.columns, targets.rows)
        let nearest = NearestCentres(targets)
        var out = [Float](repeating: 0, count: n * t)
        let blocks = (n + passBlock - 1) / passBlock
        let threads = Swift.max(1, Swift.min(workers, blocks))
        points.values.withUnsafeBufferPointer { all in
            out.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (all, out) = (all, out)
                DispatchQueue.concurrentPerform(iterations: threads) { worker in
                    var line = [Float](repeating: 0, count: t)
                    line.withUnsafeMutableBufferPointer { line in
                        for block in stride(from: worker, to: blocks, by: threads) {
                            for point in (block * passBlock)..<Swift.min(n, (block + 1) * passBlock) {
                                nearest.squaredDistances(from: all.baseAddress! + point * d, squaredNorm: norms[point], into: line.baseAddress!)
                                for target in 0..<t { out[target * n + point] = line[target] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
