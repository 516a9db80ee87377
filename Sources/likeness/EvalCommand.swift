import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessLab

/// `likeness eval`: retrieval quality (the default) or a linear probe.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare methods on a labelled dataset: retrieval quality (default) or a linear probe.",
        discussion: "`likeness eval DATASET …` runs `eval retrieval`; `likeness eval probe DATASET …` trains a linear probe.",
        subcommands: [EvalRetrieval.self, EvalProbe.self],
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
            thumbnail as a 256-d vector, the raw-pixel baseline) or `histogram` (an 88-bin HSV \
            histogram with 16 grey levels; greyscale images give an intensity histogram).

            --per-query FILE writes a CSV with a header and one row per (method, query), columns: \
            method, query (the image path, or FILE#n for an IDX image), group (its class or scene), \
            P@k for each k, AP@k for each k, and AP (average precision over the whole ranking). The \
            mean of a column over one method's rows is the P@k, mAP@k or mAP printed here.

            Times: "features" is computing the method's features, "ranking" is ranking every other \
            image for each query and scoring the rankings.
            """)

    @OptionGroup var options: EvalOptions
    @Option(help: "Comma-separated methods.") var methods: String = "efficientnet-lite0,phash,pixels"
    @Option(help: "Comma-separated cut-offs k.") var k: String = "1,5,10"
    @Option(help: "Number of query images (default: all).") var queries: Int?
    @Option(help: "Use only the first N images of an IDX file.") var limit: Int?
    @Option(help: ArgumentHelp("Write one CSV row per (method, query) to this file (columns: see above).", valueName: "file"))
    var perQuery: String?
    @Flag(help: "Print JSON on stdout.") var json = false

    func run() throws {
        let ks = try k.split(separator: ",").map { part -> Int in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value > 0 else { throw ValidationError("--k takes positive integers, got \(part)") }
            return value
        }
        let chosen = try options.methods(methods)
        let data: EvalDataset
        do { data = try EvalDataset.load(options.dataset, layout: options.layout, limit: limit) } catch { throw CommandFailure(error.description) }
        let evaluation = RetrievalEvaluation(dataset: data, ks: ks)
        let queryList = evaluation.sampleQueries(queries)
        var results: [RetrievalEvaluation.Scores] = []
        for method in chosen {
            let (features, seconds) = try options.features(method, of: data)
            var scores = try evaluation.score(method: method.name, features: features, queries: queryList)
            scores.featureSeconds = seconds
            results.append(scores)
        }
        if let perQuery {
            do { try Data(evaluation.perQueryCSV(results).utf8).write(to: URL(fileURLWithPath: perQuery)) } catch {
                throw CommandFailure("cannot write \(perQuery): \(error.localizedDescription)")
            }
        }
        if json {
            struct Out: Encodable { var dataset: String; var layout: String; var images: Int; var groups: Int; var methods: [RetrievalEvaluation.Scores] }
            try Output.json(Out(dataset: options.dataset, layout: options.layout.rawValue, images: data.paths.count, groups: data.groupNames.count, methods: results))
            return
        }
        print("\(data.paths.count) images in \(data.groupNames.count) groups (\(options.layout.rawValue)); \(queryList.count) queries")
        var header = "method".padding(toLength: 22, withPad: " ", startingAt: 0)
        for k in evaluation.ks { header += "P@\(k)".padding(toLength: 8, withPad: " ", startingAt: 0) }
        for k in evaluation.ks { header += "mAP@\(k)".padding(toLength: 9, withPad: " ", startingAt: 0) }
        header += "mAP     N-S   features  ranking"
        print(header)
        for r in results {
            var line = r.method.padding(toLength: 22, withPad: " ", startingAt: 0)
            for k in evaluation.ks { line += String(format: "%-8.3f", r.precision[k] ?? 0) }
            for k in evaluation.ks { line += String(format: "%-9.3f", r.meanAveragePrecisionAtK[k] ?? 0) }
            line += String(format: "%-8.3f", r.meanAveragePrecision) + (r.nisterStewenius.map { String(format: "%-6.2f", $0) } ?? "–     ")
            line += String(format: "%7.1fs %7.1fs", r.featureSeconds ?? 0, r.seconds)
            print(line)
        }
    }
}
