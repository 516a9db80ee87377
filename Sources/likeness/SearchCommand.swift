import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessLab

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the most similar catalogued images to query images.",
        discussion: """
            Each QUERY is an image file (catalogued or not) or a folder of them. Results are ranked by \
            cosine similarity of the model's embeddings; the query itself is left out. Images in the \
            catalog that lack a vector are embedded first.
            """)

    @Argument(help: ArgumentHelp("Query image files or folders.", valueName: "query"))
    var queries: [String]

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Results per query.")
    var k: Int = 10

    @Flag(help: "Print JSON on stdout.")
    var json = false

    struct Result: Encodable {
        struct Match: Encodable { var path: String; var similarity: Float }
        var query: String
        var matches: [Match]
        var error: String?
    }

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        let catalog = try catalogOptions.open()
        let (model, input) = try modelOptions.open()
        let space: EmbeddingSpace
        do {
            _ = try EmbeddingIndexer(catalog: catalog, model: model, input: input).fill(progress: TerminalProgress())
            space = try EmbeddingSpace(catalog: catalog, model: model)
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
        guard space.index.count > 0 else { throw CommandFailure("the catalog has no embedded images; run `likeness embed DIR` first") }
        let files = FileWalker.files(in: queries)
        guard !files.isEmpty else { throw CommandFailure("no query images found in \(queries.joined(separator: ", "))") }
        var results: [Result] = []
        for file in files {
            do {
                let vector: [Float]
                if let position = space.position(of: file) {
                    vector = space.index.vector(at: position)
                } else {
                    guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read file") }
                    vector = try model.embed([try input.pixels(from: Array(data), path: file)])[0].get()
                }
                let found = space.index.search([vector], k: k + 1)[0].filter { space.images[$0.id].path != file }.prefix(k)
                results.append(Result(query: file, matches: found.map { .init(path: space.images[$0.id].path, similarity: $0.score) }))
            } catch let error as CustomStringConvertible & Error {
                results.append(Result(query: file, matches: [], error: error.description))
            }
        }
        if json { try Output.json(results); return }
        for result in results {
            print(result.query)
            if let error = result.error { print("  error: \(error)"); continue }
            for match in result.matches { print(String(format: "  %.3f  ", match.similarity) + match.path) }
        }
    }
}
