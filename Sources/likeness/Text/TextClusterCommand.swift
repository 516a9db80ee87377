import ArgumentParser
import Foundation
import LikenessEngine
import LikenessText

struct TextCluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster the strings or sequences of a file by edit distance (DBSCAN over the LSH candidate graph).",
        discussion: """
            Neighbours are the MinHash LSH candidate pairs (see `likeness text dupes --help`) whose \
            --metric distance is at most --eps (edits for levenshtein, damerau, damerau-osa and \
            hamming; 1 − similarity for jaro, jaro-winkler and jaccard); DBSCAN then takes strings \
            with at least --min-samples neighbours (themselves included) as core points. No N×N \
            matrix is built, so a pair LSH does not propose is not a neighbour: lower --rows or raise \
            --bands for recall.

            Example: likeness text cluster reads.fasta --format fasta --shingle 8 --algorithm dbscan --eps 10 --min-samples 3
            """)

    @Argument(help: ArgumentHelp("The text file.", valueName: "file"))
    var file: String

    @OptionGroup var options: TextSearchOptions

    @Option(help: "Clustering algorithm.")
    var algorithm: TextClusterAlgorithm = .dbscan

    @Option(help: "Neighbourhood radius in the metric's distance (inclusive).")
    var eps: Double

    @Option(help: "Neighbours, the string itself included, that make a core string.")
    var minSamples: Int = 5

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Flag(help: "Print one row per string as CSV on stdout (cluster, line, id, text; cluster -1 is noise).")
    var csv = false

    func run() throws {
        let job = TextClusterJob(path: file, format: try options.parsedFormat(), search: options.search, algorithm: algorithm, eps: eps, minSamples: minSamples)
        let result = try JobRunning.run(job, workers: options.workers)
        TextRendering.warnSkipped(result.skipped)
        if json { try Output.json(result); return }
        if csv {
            print("cluster,line,id,text")
            for (index, cluster) in result.clusters.enumerated() {
                for record in cluster { print(CSV.line(["\(index)", "\(record.line)", record.id ?? "", record.text])) }
            }
            for record in result.noise { print(CSV.line(["-1", "\(record.line)", record.id ?? "", record.text])) }
            return
        }
        Output.line("\(result.strings) strings, \(result.clusters.count) clusters, \(result.noise.count) noise (\(result.neighbourPairs) pairs within \(result.metric.rawValue) \(result.eps), from \(result.candidates) LSH candidates)")
        for (index, cluster) in result.clusters.enumerated() {
            Output.line("cluster \(index) (\(cluster.count)):")
            for record in cluster { Output.line("  \(TextRendering.place(record))  \(TextRendering.excerpt(record.text))") }
        }
    }
}
