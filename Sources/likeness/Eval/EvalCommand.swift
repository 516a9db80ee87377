import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessLab

/// `likeness eval`: retrieval quality (the default) or a linear probe.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare methods on a labelled dataset: retrieval quality (default) or a linear probe.",
        discussion: """
            `likeness eval DATASET …` runs `eval retrieval`; `likeness eval probe DATASET …` trains a linear probe.

            Example: likeness eval ukbench --layout ukbench --methods efficientnet-lite0,phash,pixels
            """,
        subcommands: [EvalRetrieval.self, EvalProbe.self, EvalTriplets.self],
        defaultSubcommand: EvalRetrieval.self)
}

/// `likeness eval retrieval`: P@k, R@k, mAP@k, mAP and the UKBench N-S score, methods side by side.
struct EvalRetrieval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieval",
        abstract: "Retrieval quality of several methods side by side: P@k, R@k, mAP@k, mAP, UKBench N-S.",
        discussion: """
            Every image is a query against all others (or --queries N, sampled by whole groups with a \
            fixed seed). Methods: an embedding model id (see `likeness models list`), a hash method \
            (phash, dhash, ahash, whash, blockmean, blockmean-overlap), `pixels` (a 16×16 grey \
            thumbnail as a 256-d vector, the raw-pixel baseline), `histogram` (an 88-bin HSV \
            histogram with 16 grey levels; greyscale images give an intensity histogram) or `hog` \
            (histograms of oriented gradients of the image squashed to 64×64 grey: 16-pixel cells, \
            9 orientation bins, 2×2-cell blocks with L2-Hys; `hog:CELL:BINS` sets both).

            --per-query FILE writes a CSV with a header and one row per (method, query), columns: \
            method, query (the image path, or FILE#n for an IDX image), group (its class or scene), \
            P@k for each k, AP@k for each k, and AP (average precision over the whole ranking). The \
            mean of a column over one method's rows is the P@k, mAP@k or mAP printed here.

            Datasets: a folder per class (the default), UKBench or Holidays file names (--layout), or an \
            IDX image file with its labels file beside it (recognised by its first bytes, gzip or not, \
            without --layout). An IDX folder (--layout idx, or detected) is evaluated on its t10k file. A \
            layout that gives fewer than two groups is refused: with one, every image would be relevant \
            to every query and P@k would be 1.

            --metric ranks every method by one metric instead of its own (cosine for vectors, Hamming \
            for hashes); its rows are named "method (metric)". A metric must fit every method: \
            embeddings take any real-vector metric; pixels also jaccard and chi2; histogram is then \
            compared as the histogram itself (not its square roots), so chi2 and jaccard fit, emd does \
            not (its HSV bins have no 1-D order); hashes take hamming and jaccard. Cosine, dot, \
            Euclidean, Pearson and Spearman search by BLAS; other metrics scan exactly (use --queries \
            on large sets). Metrics: \(MetricArgument.names).

            Times: "features" is computing the method's features, "ranking" is ranking every other \
            image for each query and scoring the rankings.

            Example: likeness eval photos-by-class --methods efficientnet-lite0,histogram --k 1,5 --per-query per-query.csv
            """)

    @OptionGroup var options: EvalOptions
    @Option(help: "Comma-separated methods.") var methods: String = "efficientnet-lite0,phash,pixels"
    @Option(help: "Comma-separated cut-offs k.") var k: String = "1,5,10"
    @Option(help: "Number of query images (default: all).") var queries: Int?
    @Option(help: "Use only the first N images of an IDX file.") var limit: Int?
    @Option(help: ArgumentHelp("Write one CSV row per (method, query) to this file (columns: see above).", valueName: "file"))
    var perQuery: String?
    @Flag(help: "Print JSON on stdout.") var json = false
    @Option(help: ArgumentHelp("Rank every method by this metric (default: cosine for vectors, hamming for hashes).", valueName: "name"), transform: MetricArgument.parse)
    var metric: Metric?
    @Option(help: ArgumentHelp("On an IDX folder (train and t10k files), read vector features and heads' base features from this folder's .npy cache (as train --cache-features and bench cluster-data write it), computing and caching them there when missing.",
                               valueName: "folder"))
    var cacheFeatures: String?

    func run() throws {
        let ks = try k.split(separator: ",").map { part -> Int in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value > 0 else { throw ValidationError("--k takes positive integers, got \(part)") }
            return value
        }
        let job = EvalJob(dataset: options.dataset, layout: options.layout, methods: try options.methods(methods), ks: ks,
                          queries: queries, limit: limit, threads: options.threads, perQueryFile: perQuery, metric: metric,
                          featureCache: cacheFeatures)
        let result = try JobRunning.run(job)
        EvalOptions.noteMissing(result.methods.map(\.method), result.missingFeatures, of: result.images)
        if json { try Output.json(result); return }
        printText(result)
    }

    /// One row per method: P@k, mAP@k, mAP, N-S and the times.
    func printText(_ result: EvalJob.Result) {
        print("\(result.images) images in \(result.groups) groups (\(result.layout)); \(result.queryCount) queries")
        let width = max(22, (result.methods.map(\.method.count).max() ?? 0) + 2)
        var header = "method".leftAligned(width)
        for k in result.ks { header += "P@\(k)".leftAligned(8) }
        for k in result.ks { header += "mAP@\(k)".leftAligned(9) }
        header += "mAP     N-S   features  ranking"
        print(header)
        for r in result.methods {
            var line = r.method.leftAligned(width)
            for k in result.ks { line += String(format: "%-8.3f", r.precision[k] ?? 0) }
            for k in result.ks { line += String(format: "%-9.3f", r.meanAveragePrecisionAtK[k] ?? 0) }
            line += String(format: "%-8.3f", r.meanAveragePrecision) + (r.nisterStewenius.map { String(format: "%-6.2f", $0) } ?? "–     ")
            line += String(format: "%7.1fs %7.1fs", r.featureSeconds ?? 0, r.seconds)
            print(line)
        }
    }
}
