import ArgumentParser
import Foundation
import LikenessANN
import LikenessLab

/// `likeness bench ann`: approximate indexes against exact search on seeded clustered vectors.
struct ANNBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ann",
        abstract: "Recall, queries/s, build time and size of approximate indexes against exact search.",
        discussion: """
            Seeded clustered vectors (N stored, --queries more from the same clusters), cosine. For each \
            index: recall@1 and @10 against the exact index, queries/s one at a time on one thread and \
            in one batch on --threads, build time, and the size of the index written to a file. With \
            --data DIR the vectors (.fvecs) and exact answers (.ivecs) are written there, so \
            bench/ann_peer.py can measure faiss-cpu and hnswlib on the same data; bench/ann.sh runs both \
            and prints the ratios.

            Example: likeness bench ann --vectors 100000 --dim 1280 --index hnsw --index ivfpq
            """)

    @Option(help: "Stored vectors.") var vectors: Int = 100_000
    @Option(help: "Vector length (the default model's is 1280).") var dim: Int = 1280
    @Option(help: "Query vectors.") var queries: Int = 1_000
    @Option(help: ArgumentHelp("An approximate index to measure (repeatable; default hnsw and ivfpq).", valueName: "kind"),
            transform: IndexArgument.parseKind)
    var index: [ApproximateIndexKind] = []
    @Option(help: "Threads for building and batched search.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("Write base.fvecs, query.fvecs and groundtruth.ivecs here for the peers.", valueName: "dir"))
    var data: String?
    @Option(help: ArgumentHelp("Also search each HNSW graph with this ef, without rebuilding it (repeatable).", valueName: "ef"))
    var ef: [Int] = []
    @Option(help: ArgumentHelp("Also search each inverted file with this nprobe, without rebuilding it (repeatable).", valueName: "nprobe"))
    var nprobe: [Int] = []
    @Option(help: ArgumentHelp("Read the vectors and exact answers an earlier --data run wrote here instead of making them (no exact row).", valueName: "dir"))
    var from: String?
    @Option(help: "Seed of the synthetic vectors.") var seed: UInt64 = 1
    @Flag(help: "Also search each index that uses the shim's AVX2 kernels with FAISS's own generic code (same index, same run).")
    var compareGenericKernels = false
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func validate() throws {
        if vectors < 10 || dim < 1 || queries < 1 || (ef + nprobe).contains(where: { $0 < 1 }) { throw ValidationError("--vectors must be at least 10, --dim, --queries, --ef and --nprobe at least 1") }
    }

    func run() throws {
        let kinds = index.isEmpty ? [try ApproximateIndexKind(parsing: "hnsw"), try ApproximateIndexKind(parsing: "ivfpq")] : index
        let bench = ANNBenchmark(count: vectors, dimension: dim, queries: queries, kinds: kinds, threads: threads, seed: seed, dataDirectory: data, efSweep: ef,
                                 nprobeSweep: nprobe, sourceDirectory: from, compareGenericKernels: compareGenericKernels)
        let result = try bench.run { Output.note("bench ann: \($0)") }
        if json { try Output.json(result); return }
        print(String(format: "%d × %d-d vectors in %d clusters, %d queries, cosine, %d threads", result.vectors, result.dimension,
                     result.clusters, result.queries, result.threads))
        print("index                                                     build s   size MB   +RSS MB  recall@1 recall@10  q/s 1-thread  q/s batched")
        for (row, suffix) in result.rows.map({ ($0, "") }) + result.genericKernelRows.map({ ($0, " generic") }) {
            print(String(format: "%@ %8.1f %9.1f %9.1f %9.3f %9.3f %13.0f %12.0f", (row.index + suffix).padding(toLength: 56, withPad: " ", startingAt: 0) as NSString,
                         row.buildSeconds, row.indexMegabytes, row.residentGrowthMegabytes, row.recallAt1, row.recallAt10,
                         row.queriesPerSecondSingle, row.queriesPerSecondBatched))
        }
    }
}
