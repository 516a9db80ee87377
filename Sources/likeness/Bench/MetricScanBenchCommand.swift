import ArgumentParser
import Foundation
import LikenessCore
import LikenessLab

struct MetricScanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Exact top-k search speed of each vector metric (BLAS index or streaming scan) over a .npy file of vectors.",
        discussion: """
            Compare against SciPy's cdist in the same run with bench/metric_scan_peer.py, which writes \
            seeded vectors, runs this command and checks that the nearest neighbours agree.

            Example: likeness bench metrics vectors.npy --queries 200 --metric cosine --metric manhattan --metric emd --json
            """)

    @Argument(help: ArgumentHelp("A float32 .npy file of vectors, one per row.", valueName: "file"))
    var vectors: String

    @Option(name: .customLong("query-file"), help: ArgumentHelp("A float32 .npy file of queries (default: the first --queries rows of the vectors).", valueName: "file"))
    var queryFile: String?

    @Option(help: "Queries taken from the vectors when there is no --query-file.")
    var queries = 100

    @Option(name: .customLong("metric"), help: ArgumentHelp("A metric to time; repeat for several: \(MetricArgument.names).", valueName: "name"),
            transform: MetricArgument.parse)
    var metrics: [Metric] = []

    @Option(help: "Neighbours per query.")
    var k = 10

    @Option(help: "Passes per metric; the best pass is reported.")
    var repeats = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let job = MetricScanBenchJob(vectors: vectors, queries: queryFile, queryCount: queries, metrics: metrics, k: k, repeats: repeats)
        let result = try JobRunning.run(job, quiet: true)
        if json { try Output.json(result); return }
        print("\(result.count) vectors × \(result.dimension), \(result.queries) queries, top \(result.k), \(result.threads) threads")
        for row in result.rows {
            print(String(format: "%-14@ %-5@ %8.3f s  %12.0f comparisons/s", row.metric.name, row.blas ? "BLAS" : "scan", row.seconds, row.comparisonsPerSecond))
        }
    }
}
