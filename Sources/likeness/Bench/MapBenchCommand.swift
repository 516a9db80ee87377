import ArgumentParser
import Foundation
import LikenessAnalysis
import LikenessEngine
import LikenessLab

extension MapBenchmark.Projection: ExpressibleByArgument {}

struct MapBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "t-SNE and UMAP maps of Fashion-MNIST (or any IDX set): time, peak memory, trustworthiness.",
        discussion: """
            The features are cached as .npy under --cache; with --output every vector, the sample and \
            each map are written there too, so bench/map_crosscheck.py runs openTSNE, umap-learn and \
            scikit-learn on the same vectors and threads and prints them side by side.

            Example: likeness bench map --reduce 50 --threads 2 --output /tmp/map-bench
            """)

    @Option(name: .customLong("idx"), help: ArgumentHelp("IDX image file, labels beside it; repeatable (default: Fashion-MNIST train and t10k).", valueName: "file"))
    var datasets: [String] = BenchFeatures.fashionMNIST
    @Option(help: ArgumentHelp("Feature to map: pixels (16×16 grey) or a model id.", valueName: "method")) var method: String = "pixels"
    @Option(help: "Images per file at most (default: all).") var limit: Int?
    @Option(help: "PCA components before mapping; 0 maps the vectors as they are.") var reduce: Int = 50
    @Option(help: ArgumentHelp("Projections to run (comma-separated: tsne, umap).", valueName: "list")) var projections: String = "tsne,umap"
    @Option(help: "Points in the seeded trustworthiness sample.") var sample: Int = 5000
    @Option(help: "Threads for BLAS and the projections (default: number of cores).") var threads: Int?
    @Option(help: ArgumentHelp("Folder for cached features (shared with bench cluster-data).", valueName: "dir")) var cache: String = BenchFeatures.defaultFolder()
    @Option(help: ArgumentHelp("Folder to write vectors.npy, labels.npy, sample.npy and the maps.", valueName: "dir")) var output: String?
    @Option(help: "t-SNE iterations in all.") var tsneIterations: Int = 750
    @Option(help: "UMAP epochs (default: 200 above 10,000 points, else 500).") var umapEpochs: Int?
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let models = ModelLocator.fromEnvironment().registry.all().manifests.map(\.id)
        let parsedMethod: EvalMethod
        do { parsedMethod = try EvalMethod(parsing: method, models: models) } catch { throw CommandFailure(error.description) }
        let chosen = try projections.split(separator: ",").map { name in
            guard let projection = MapBenchmark.Projection(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw CommandFailure("unknown projection \(name); choose from \(MapBenchmark.Projection.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return projection
        }
        let job = MapBenchJob(datasets: datasets, method: parsedMethod, cache: cache, limit: limit, reduce: reduce, projections: chosen,
                              tsne: .init(iterations: tsneIterations), umap: .init(epochs: umapEpochs), sample: sample,
                              threads: threads, output: output)
        let result = try JobRunning.run(job, workers: threads)
        if json { try Output.json(result); return }
        print(String(format: "%d × %d %@ vectors%@ (load average %.2f, %d threads)", result.vectors, result.dimension, result.method,
                     result.reducedDimension < result.dimension ? " → PCA \(result.reducedDimension)" : "", result.loadAverage, result.threads))
        if let ratio = result.pcaExplainedVarianceRatio, let seconds = result.pcaSeconds {
            print(String(format: "PCA: %.1f %% of the variance kept, %.2f s", ratio * 100, seconds))
        }
        for run in result.runs {
            let phases = run.phases.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", ")
            print(String(format: "%@: %.1f s (%@), peak %.0f MB, trustworthiness T(%d) on %d points %.4f", run.projection, run.seconds, phases,
                         run.peakMegabytes, result.trustworthinessK, result.trustworthinessSample, run.trustworthiness))
        }
    }
}
