import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Synchronization

/// What `bench map` measures: each projection's time, peak memory and trustworthiness on one set
/// of vectors, with every input and output written as `.npy` so bench/map_crosscheck.py can run
/// the Python peers on the same vectors.
public enum MapBenchmark {
    /// A projection to measure.
    public enum Projection: String, Sendable, Codable, CaseIterable {
        case tsne, umap
    }

    /// One projection's run.
    public struct Run: Sendable, Codable, Equatable {
        public var projection: String
        public var seconds: Double
        /// Seconds per phase as the algorithm reported them (k-NN, iterations or epochs).
        public var phases: [String: Double]
        /// Peak resident memory of the process during the run, in MB (data included).
        public var peakMegabytes: Double
        /// T(k) on the seeded sample (both spaces restricted to it, as scikit-learn's `trustworthiness` on the subset).
        public var trustworthiness: Double
        /// Where the map was written (N × 2 float32), when an output folder was given.
        public var file: String?
    }

    /// The whole benchmark.
    public struct Result: Sendable, Codable, Equatable {
        public var vectors: Int
        /// Length of the vectors before reduction.
        public var dimension: Int
        /// Length after PCA (equal to ``dimension`` without reduction).
        public var reducedDimension: Int
        public var method: String
        public var threads: Int
        /// The cached vectors before reduction (float32 .npy; labels beside it as …-labels.npy).
        public var featuresFile: String
        /// Seconds to compute (or read from the cache) the vectors.
        public var featureSeconds: Double
        public var featuresFromCache: Bool
        public var pcaSeconds: Double?
        /// Explained variance of each kept component (divided by N − 1, as scikit-learn).
        public var pcaExplainedVariance: [Double]
        public var pcaExplainedVarianceRatio: Double?
        public var trustworthinessK: Int
        public var trustworthinessSample: Int
        public var runs: [Run]
        /// The folder holding vectors.npy, labels.npy, sample.npy, pca_variance.npy and the maps.
        public var output: String?
        /// Load average (1 minute) when the run started.
        public var loadAverage: Double
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return Double(text.split(separator: " ").first ?? "") ?? 0
    }
}

/// Forwards progress and remembers how long each phase took.
final class PhaseTimer: ProgressReporter {
    private let forward: any ProgressReporter
    private let state = Mutex<(started: [String: ContinuousClock.Instant], seconds: [String: Double])>(([:], [:]))

    init(forwardingTo forward: any ProgressReporter) { self.forward = forward }

    func begin(_ phase: String, total: Int?) {
        state.withLock { $0.started[phase] = .now }
        forward.begin(phase, total: total)
    }

    func advance(_ phase: String, completed: Int, total: Int?) { forward.advance(phase, completed: completed, total: total) }

    func end(_ phase: String) {
        state.withLock { state in
            if let started = state.started[phase] { state.seconds[phase] = (ContinuousClock.now - started).seconds }
        }
        forward.end(phase)
    }

    var seconds: [String: Double] { state.withLock { $0.seconds } }
}
