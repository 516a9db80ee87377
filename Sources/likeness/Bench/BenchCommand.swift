import ArgumentParser
import Foundation
import LikenessANN
import LikenessCore
import LikenessEngine
import LikenessLab

extension ScaleData: ExpressibleByArgument {}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Likeness' speed on your own files.",
        discussion: "Example: likeness bench hash ~/Pictures --workers 2 --repeats 3",
        subcommands: [DecodeBench.self, HashBench.self, RobustnessBench.self, DupesBench.self, QualityBench.self, ScaleBench.self, ClusterBench.self, ClusterDataBench.self, MapBench.self, TextBench.self, ANNBench.self, MetricScanBench.self])
}

struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Images/s for reading and decoding files to an RGB buffer (default 224×224).",
        discussion: """
            Compare against Pillow in the same run with bench/decode.sh DIR.

            Example: likeness bench decode ~/Pictures --size 224 --repeats 3
            """)

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir"))
    var folders: [String]

    @Option(help: "Parallel decoders (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output edge length in pixels.")
    var size: Int = 224

    @Option(help: "Passes over the files; the best pass is reported.")
    var repeats: Int = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let result = try JobRunning.run(DecodeBenchJob(folders: folders, workers: workers, size: size, repeats: repeats), quiet: true)
        if json { try Output.json(result); return }
        print(String(format: "likeness decode: %d/%d files → %d×%d RGB, %d workers, mean %.1f MP: %.1f images/s (%.2f s)",
                     result.decoded, result.files, result.width, result.height, result.workers,
                     result.meanMegapixels, result.imagesPerSecond, result.seconds))
    }
}

struct HashBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Images/s for reading, decoding and hashing files with one method.",
        discussion: """
            Compare against ImageHash in the same run with bench/hash.sh DIR.

            Example: likeness bench hash ~/Pictures --method phash --workers 2
            """)

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir"))
    var folders: [String]

    @Option(help: "Hash method.")
    var method: HashMethod = .pHash

    @Option(help: "Parallel workers (default 1, to compare with a single Python process).")
    var workers: Int = 1

    @Option(help: "Passes over the files; the best pass is reported.")
    var repeats: Int = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let best = try JobRunning.run(HashBenchJob(folders: folders, method: method, workers: workers, repeats: repeats), quiet: true)
        if json { try Output.json(best); return }
        print(String(format: "likeness %@: %d/%d files, %d workers: %.1f images/s (%.2f s)",
                     best.method, best.hashed, best.files, best.workers, best.imagesPerSecond, best.seconds))
    }
}

struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "All-pairs grouping of N synthetic vectors with planted duplicates: time, memory, pairs found.",
        discussion: """
            Every 100th vector gets a noisy twin (cosine about 0.998); the grouping must find them. \
            --data random draws independent Gaussian vectors (no structure: the hardest case for a graph); \
            --data clustered draws them around one centre per 100 vectors, as `bench ann` does, which is \
            closer to embeddings of real photos. With --index hnsw each vector's neighbours come from an \
            HNSW graph (FAISS), as in `dupes --index hnsw`; the graph's build is timed separately.

            Example: likeness bench scale --count 100000 --dimension 1280
            Example: likeness bench scale --count 1000000 --dimension 1280 --index hnsw --data clustered
            """)

    @Option(help: "Number of vectors.") var count: Int = 100_000
    @Option(help: "Vector length.") var dimension: Int = 1280
    @Option(help: "Cosine threshold for a pair.") var threshold: Float = 0.9
    @Option(help: "BLAS threads.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: IndexArgument.help, transform: IndexArgument.parse) var index: IndexChoice = .exact
    @Option(help: "The vectors the twins are planted among: random or clustered.") var data: ScaleData = .random
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let result = try JobRunning.run(ScaleBenchJob(count: count, dimension: dimension, threshold: threshold, threads: threads, index: index, data: data))
        if json { try Output.json(result); return }
        print(String(format: "%d × %d-d %@: %d pairs ≥ %.2f found, %d of the %d planted; %d groups in %.1f s; peak RSS %.0f MB",
                     result.vectors, result.dimension, result.data, result.foundPairs, result.threshold, result.plantedFound, result.plantedPairs, result.groups,
                     result.seconds, result.peakResidentMegabytes))
        if let rate = result.gflops, let peak = result.sgemmPeakGflops, let fraction = result.fractionOfPeak {
            print(String(format: "exact search: %.1f GFLOP/s = %.0f%% of sgemm (%.1f GFLOP/s)", rate, fraction * 100, peak))
        } else if let used = result.index {
            print(String(format: "index %@: built in %.1f s (no rate against sgemm: it does not compute all the products)", used, result.buildSeconds ?? 0))
        }
    }
}
