import Foundation
import LikenessAnalysis
import LikenessEngine
import LikenessNumerics

/// `bench cluster`: one clustering algorithm on the vectors of a `.npy` file (see ``ClusterBenchmark``).
public struct ClusterBenchJob: Job {
    /// A float32 N × d `.npy` file.
    public var vectors: String
    /// An int64 `.npy` file of N classes to score the labels against; nil skips ARI and NMI.
    public var classes: String?
    /// Use only the first `limit` rows (and classes). Default nil: all.
    public var limit: Int?
    /// Where to write the labels as int64 `.npy` (noise −1); nil writes none.
    public var saveLabels: String?
    public var benchmark: ClusterBenchmark
    /// BLAS threads; nil uses the context's workers.
    public var threads: Int?

    public init(vectors: String, classes: String? = nil, limit: Int? = nil, saveLabels: String? = nil,
                benchmark: ClusterBenchmark, threads: Int? = nil) {
        self.vectors = vectors
        self.classes = classes
        self.limit = limit
        self.saveLabels = saveLabels
        self.benchmark = benchmark
        self.threads = threads
    }

    public func run(in context: JobContext) throws(JobError) -> ClusterBenchmark.Result {
        var points: Matrix, known: [Int]?
        do {
            points = try NumpyFile.readMatrix(vectors)
            known = try classes.map(NumpyFile.readIntegers)
        } catch {
            throw .file(path: vectors, message: String(describing: error))
        }
        if let limit, limit < points.rows {
            guard limit >= 1 else { throw .invalidInput("--limit must be at least 1") }
            points = Matrix(rows: limit, columns: points.columns, values: Array(points.values.prefix(limit * points.columns)))
            known = known.map { Array($0.prefix(limit)) }
        }
        if let known, known.count != points.rows {
            throw .invalidInput("\(classes ?? ""): \(known.count) classes for \(points.rows) vectors")
        }
        let outcome: (labels: ClusterLabels, result: ClusterBenchmark.Result)
        do {
            outcome = try benchmark.run(points, classes: known, threads: threads ?? context.workers, cancellation: context.cancellation)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .invalidInput("\(benchmark.algorithm.rawValue): \(error)")
        }
        if let saveLabels {
            do { try NumpyFile.write(outcome.labels.labels, to: saveLabels) } catch {
                throw .file(path: saveLabels, message: String(describing: error))
            }
        }
        return outcome.result
    }
}
