import ArgumentParser
import LikenessANN
import LikenessCore
import LikenessEngine

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the most similar catalogued images to query images.",
        discussion: """
            Each QUERY is an image file (catalogued or not) or a folder of them. Results are ranked by \
            cosine similarity of the model's embeddings (or by --metric); the query itself is left \
            out. Images in the catalog that lack a vector are embedded first. Cosine, dot and \
            euclidean search by BLAS; other metrics scan every vector exactly. Metrics that need \
            non-negative, binary or histogram input (jaccard, hamming, chi2, emd) are refused for \
            embeddings. Similarities print higher-first, distances lower-first.

            Metrics: \(MetricArgument.names).

            --index hnsw (or ivf, ivfpq, with settings such as hnsw:ef=128) searches an approximate \
            index built from the catalog's vectors, by cosine; --index auto takes it only for large \
            catalogs. The index used is printed on stderr and named in the JSON.

            Example: likeness search holiday/IMG_0042.jpg --k 5 --metric manhattan
            Example: likeness search holiday/IMG_0042.jpg --index hnsw:ef=128
            """)

    @Argument(help: ArgumentHelp("Query image files or folders.", valueName: "query"))
    var queries: [String]

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "Results per query.")
    var k: Int = 10

    @Flag(help: "Print JSON on stdout.")
    var json = false

    @Option(help: ArgumentHelp("How embeddings are compared.", valueName: "name"), transform: MetricArgument.parse)
    var metric: Metric = .cosine

    @Option(help: IndexArgument.help, transform: IndexArgument.parse)
    var index: IndexChoice = .exact

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        let job = SearchJob(queries: queries, model: modelOptions.model, threads: modelOptions.threads, k: k, metric: metric, index: index)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        IndexArgument.note(result.index, asked: index, origin: result.indexOrigin)
        if json { try Output.json(result); return }
        DupesRendering.notes(scan: nil, skipped: nil, stale: result.stale)
        for result in result.queries {
            Output.line(result.query)
            if let error = result.error { Output.line("  error: \(error)"); continue }
            for match in result.matches {
                let score = match.similarity.map { String(format: "  %.3f  ", $0) } ?? String(format: "  %.4g  ", match.distance ?? .nan)
                Output.line(score + match.path)
            }
        }
    }
}
