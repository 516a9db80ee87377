import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How alike two images are, by every method; or two files of vectors, by every metric.",
        discussion: """
            For each bit hash: the Hamming distance, as a fraction of the bits, and whether it is within \
            the method's default radius (its F1-max threshold in the robustness benchmark). For each continuous hash: its own distance \
            (radial: 1 − peak cross-correlation; colormoments: L2 of Hu moments) and its default threshold. \
            The embedding row is judged by exactly the rule `dupes` uses (the same options): the \
            cosine, then the pHash over turns and flips, then local features. --metric adds the two \
            embeddings' value by that metric (metrics that need non-negative, binary or histogram \
            input are refused for embeddings).

            With --vectors, A and B are text files of vectors, one per line (numbers separated by \
            commas, spaces or tabs; # starts a comment line), compared row by row by each --metric \
            (default: all, Minkowski at p = 3). A cell a metric cannot fill (a negative value under \
            jaccard, a constant vector under pearson) shows its reason. --ground FILE gives EMD a \
            ground-distance matrix (one row per bin of A), solved as a transportation problem; \
            without it EMD is the 1-D form over ordered bins a unit apart.

            Metrics: \(MetricArgument.names). See README "Metrics" for each definition.

            --scorer NAME adds a row from a pair scorer trained by `likeness train siamese`: its \
            probability that the two images are alike (a duplicate at 0.5 or above), from its base \
            model's vectors.

            Examples:
              likeness compare original.jpg edited.jpg --metric manhattan
              likeness compare a.jpg b.jpg --scorer fashion-siamese
              likeness compare --vectors a.txt b.txt --metric emd --metric chi2 --json
            """)

    @Argument(help: ArgumentHelp("First image (with --vectors: first vector file).", valueName: "a")) var a: String
    @Argument(help: ArgumentHelp("Second image (with --vectors: second vector file).", valueName: "b")) var b: String

    @Flag(help: "Print JSON on stdout.")
    var json = false

    @Option(help: "Embedding model for the cosine row (see `likeness models list`).")
    var model: String = ModelDefaults.model

    @Flag(help: "Skip the embedding row (no ONNX Runtime needed).")
    var noEmbedding = false

    @Flag(help: "A and B are text files of vectors, compared row by row.")
    var vectors = false

    @Option(name: .customLong("metric"), help: ArgumentHelp("A metric; repeat for several.", valueName: "name"), transform: MetricArgument.parse)
    var metrics: [Metric] = []

    @Option(help: ArgumentHelp("With --vectors: a ground-distance matrix file for EMD.", valueName: "file"))
    var ground: String?

    @Option(help: ArgumentHelp("A pair scorer (likeness train siamese) that adds its probability row.", valueName: "name"))
    var scorer: String?

    @OptionGroup var rule: RuleOptions

    func run() throws {
        if vectors { try runVectors(); return }
        guard ground == nil else { throw CommandFailure("--ground needs --vectors") }
        let rows = try JobRunning.run(CompareJob(a: a, b: b, model: noEmbedding ? nil : model, configuration: rule.configuration, metrics: metrics,
                                                  scorer: scorer))
        if json { try Output.json(rows); return }
        print("method             distance    fraction   duplicate (threshold)   [embedding: 1 − cosine]")
        for row in rows {
            let name = row.method.leftAligned(18)
            if row.distance == nil, let probability = row.similarity, let duplicate = row.duplicate, let threshold = row.threshold {
                print("\(name) " + String(format: "p = %.3f", probability).leftAligned(21) + "   \(duplicate ? "yes" : "no ") (≥ \(threshold))")
                continue
            }
            guard let threshold = row.threshold, let duplicate = row.duplicate, let distanceValue = row.distance else {
                let value = row.distance.map { String(format: "%.6g", $0) } ?? row.similarity.map { String(format: "%.6g similarity", $0) } ?? "–"
                print("\(name) \(value)")
                continue
            }
            let distance = (row.bits.map { "\(Int(distanceValue))/\($0)" } ?? String(format: "%.3g", distanceValue))
                .leftAligned(10)
            let fraction = row.normalizedDistance.map { String(format: "%8.3f", $0) } ?? "       –"
            let limit = row.bits == nil ? String(format: "%.3g", threshold) : String(Int(threshold))
            print("\(name) \(distance) \(fraction)   \(duplicate ? "yes" : "no ") (≤ \(limit))" + (row.rule.map { "  by the dupes rule: \($0)" } ?? ""))
        }
    }

    /// `--vectors`: a row per pair, a column per metric; reasons for empty cells on stderr.
    private func runVectors() throws {
        let job = VectorCompareJob(a: a, b: b, metrics: metrics.isEmpty ? Metric.allNamed : metrics, ground: ground)
        let result = try JobRunning.run(job, quiet: true)
        if json { try Output.json(result); return }
        print((["pair"] + result.metrics.map(\.name)).joined(separator: "\t"))
        for row in result.rows {
            print(([String(row.pair)] + row.cells.map { $0.value.map { String(format: "%.10g", $0) } ?? "–" }).joined(separator: "\t"))
            for cell in row.cells { if let error = cell.error { Output.note("pair \(row.pair), \(cell.metric.name): \(error)") } }
        }
    }
}
