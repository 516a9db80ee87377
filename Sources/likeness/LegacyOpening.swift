import LikenessCatalog
import LikenessEmbedding
import LikenessEngine

// Kept only until calibrate, eval and bench run as engine jobs (they open models through
// JobContext then); removed when they do.
extension ModelOptions {
    static var modelsDirectory: String { ModelLocator.fromEnvironment().modelsDirectory }
    static var runtimeLibrary: String { ModelLocator.fromEnvironment().runtimeLibrary }

    func open() throws -> (model: ONNXEmbeddingModel, input: EmbeddingInput) { try Self.open(model: model, threads: threads) }

    static func open(model id: String, threads: Int) throws -> (model: ONNXEmbeddingModel, input: EmbeddingInput) {
        do {
            let opened = try ModelLocator.fromEnvironment().open(id, threads: threads)
            return (opened.model, opened.input)
        } catch { throw CommandFailure(error.description) }
    }
}

extension CatalogOptions {
    func open() throws -> Catalog {
        do { return try Catalog(path: resolvedPath) } catch { throw CommandFailure(error.description) }
    }
}
