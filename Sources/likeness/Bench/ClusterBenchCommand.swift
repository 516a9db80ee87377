import ArgumentParser
import Foundation
import LikenessAnalysis
import LikenessEngine
import LikenessLab

extension ClusterBenchmark.Algorithm: ExpressibleByArgument {}
extension Agglomerative.Linkage: ExpressibleByArgument {}

struct ClusterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Time one clustering algorithm on the vectors of a .npy file, with its peak memory and ARI/NMI against classes.",
        discussion: """
            One algorithm per process, so the peak memory is that algorithm's. Compare with \
            scikit-learn and hdbscan on the same file with bench/cluster_crosscheck.py; make the \
            Fashion-MNIST files with `likeness bench cluster-data`.

            Example: likeness bench cluster ~/.cache/likeness/bench/fashion/pixels-pca50.npy \
              --classes ~/.cache/likeness/bench/fashion/classes.npy --algorithm hdbscan --min-cluster-size 50
            """)

    @Argument(help: ArgumentHelp("A float32 N × d .npy file.", valueName: "vectors")) var vectors: String
    @Option(help: "An int64 .npy file of N classes to score against.") var classes: String?
    @Option(help: "Algorithm.") var algorithm: ClusterBenchmark.Algorithm = .kmeans
    @Option(help: "Clusters (kmeans, minibatch, agglomerative).") var k: Int = 10
    @Option(help: "Seeded starts (kmeans, minibatch).") var restarts: Int = 1
    @Option(help: "Neighbourhood radius (dbscan).") var eps: Float = 0.5
    @Option(help: "Core neighbours, the point counted (dbscan default 5, hdbscan default --min-cluster-size).") var minSamples: Int?
    @Option(help: "Smallest cluster (hdbscan).") var minClusterSize: Int = 5
    @Option(help: "Linkage (agglomerative).") var linkage: Agglomerative.Linkage = .ward
    @Option(help: "Points per step (minibatch).") var batchSize: Int = 1024
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Use only the first N vectors.") var limit: Int?
    @Option(help: "Write the labels (noise -1) to this int64 .npy file.") var saveLabels: String?
    @Option(help: "BLAS threads.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let benchmark = ClusterBenchmark(algorithm: algorithm, k: k, restarts: restarts, eps: eps, minSamples: minSamples,
                                         minClusterSize: minClusterSize, linkage: linkage, batchSize: batchSize, seed: seed)
        let result = try JobRunning.run(ClusterBenchJob(vectors: vectors, classes: classes, limit: limit, saveLabels: saveLabels,
                                                        benchmark: benchmark, threads: threads), quiet: true)
        if json { try Output.json(result); return }
        var line = String(format: "likeness %@: %d × %d, %d threads: %.2f s, peak RSS %.0f MB; %d clusters, %d noise",
                          result.algorithm, result.points, result.dimension, result.threads, result.seconds,
                          result.peakResidentMegabytes, result.clusters, result.noise)
        if let inertia = result.inertia { line += String(format: ", inertia %.6g", inertia) }
        if let ari = result.adjustedRandIndex, let nmi = result.normalizedMutualInformation {
            line += String(format: "; against classes ARI %.3f, NMI %.3f", ari, nmi)
        }
        print(line)
    }
}

struct ClusterDataBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-data",
        abstract: "Write the clustering benchmark's vectors: one method's features for IDX images, their PCA, the classes (.npy).",
        discussion: """
            Writes OUT/METHOD.npy, OUT/METHOD-pca50.npy and OUT/classes.npy; an existing OUT/METHOD.npy \
            is reused (embedding 70,000 images takes a while), the PCA and classes are rewritten.

            Example: likeness bench cluster-data /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz \
              /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz --method pixels --out ~/.cache/likeness/bench/fashion
            """)

    @Argument(help: ArgumentHelp("IDX image files, concatenated in this order.", valueName: "idx-file")) var files: [String]
    @Option(help: "pixels (16×16 grey), histogram, a hash or a model id.") var method: String = "pixels"
    @Option(help: "Output folder.") var out: String
    @Option(help: "PCA components of the reduced file.") var components: Int = 50
    @Option(help: "ONNX Runtime threads for a model.") var threads: Int = 2
    @Option(help: "Images per model call.") var batchSize: Int = 32
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let locator = ModelLocator.fromEnvironment()
        let models = locator.registry.all().manifests.map(\.id) + locator.encoders.names()
        let parsed: EvalMethod
        do { parsed = try EvalMethod(parsing: method, models: models) } catch { throw CommandFailure(error.description) }
        let job = ClusterDataJob(idxFiles: files, method: parsed, outputFolder: out, components: components,
                                 extraction: .init(modelThreads: threads, batchSize: batchSize))
        let result = try JobRunning.run(job)
        if json { try Output.json(result); return }
        print(String(format: "%d × %d %@ → %@%@; PCA %d keeps %.1f%% of the variance → %@; classes → %@",
                     result.points, result.dimension, method, result.features, result.reused ? " (reused)" : "",
                     result.components, result.explainedVariance * 100, result.reduced, result.classes))
    }
}
