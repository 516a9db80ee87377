import LikenessCore
import Foundation
import LikenessNumerics

/// Seeded Gaussian blobs with known membership: the ground truth clustering tests measure against.
struct Blobs {
    let points: Matrix
    /// `truth[i]` is the blob point i was drawn from.
    let truth: [Int]

    /// `perBlob` points around each of `centres`, with a normal spread of `spread` per coordinate.
    init(centres: [[Float]], perBlob: Int, spread: Float, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var values: [Float] = [], truth: [Int] = []
        for (blob, centre) in centres.enumerated() {
            for _ in 0..<perBlob {
                for c in centre { values.append(c + spread * Self.normal(&random)) }
                truth.append(blob)
            }
        }
        points = Matrix(rows: truth.count, columns: centres[0].count, values: values)
        self.truth = truth
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ random: inout SeededRandom) -> Float {
        let u = max(random.nextUnit(), 1e-12), v = random.nextUnit()
        return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
    }

    /// True when `labels` split the points exactly as `truth` does (up to renaming), with no noise.
    func isRecovered(by labels: ClusterLabelsLike) -> Bool {
        var map: [Int: Int] = [:], back: [Int: Int] = [:]
        for (point, label) in labels.rawLabels.enumerated() {
            guard label >= 0 else { return false }
            if let known = map[label], known != truth[point] { return false }
            if let known = back[truth[point]], known != label { return false }
            map[label] = truth[point]
            back[truth[point]] = label
        }
        return true
    }
}

/// Anything that labels points (so the fixture needs no import of the type under test).
protocol ClusterLabelsLike { var rawLabels: [Int] { get } }
