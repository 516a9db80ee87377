import ArgumentParser
import LikenessEngine

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the most similar catalogued images to query images.",
        discussion: """
            Each QUERY is an image file (catalogued or not) or a folder of them. Results are ranked by \
            cosine similarity of the model's embeddings; the query itself is left out. Images in the \
            catalog that lack a vector are embedded first.

            Example: likeness search holiday/IMG_0042.jpg --k 5
            """)

    @Argument(help: ArgumentHelp("Query image files or folders.", valueName: "query"))
    var queries: [String]

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Results per query.")
    var k: Int = 10

    @Flag(help: "Print JSON on stdout.")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        let job = SearchJob(queries: queries, model: modelOptions.model, threads: modelOptions.threads, k: k)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        if json { try Output.json(result); return }
        DupesRendering.notes(scan: nil, skipped: nil, stale: result.stale)
        for result in result.queries {
            Output.line(result.query)
            if let error = result.error { Output.line("  error: \(error)"); continue }
            for match in result.matches { Output.line(String(format: "  %.3f  ", match.similarity) + match.path) }
        }
    }
}
