import ArgumentParser
import LikenessCore
import LikenessEngine

/// What `cluster` and `map` turn images into vectors with: `--method`, or the `--model`'s
/// embeddings, and the model's threads. Where models live comes from the environment
/// (``ModelLocator/fromEnvironment(_:)``), as for ``ModelOptions``.
struct MethodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        What makes the vectors: a model id or a trained embedding head (see `likeness models list`), pixels (the 16×16 grey \
        thumbnail, read from the files each run) or a bit hash (\(HashMethod.allCases.map(\.rawValue).joined(separator: ", ")); \
        stored in the catalog). Default: the --model's embeddings. Rows are unit length for every \
        method, so distance = √(2 − 2·cosine); for a hash, distance² = 4·Hamming/bits (64 bits: \
        Hamming 4 ↔ distance 0.5, Hamming 8 ↔ 0.71).
        """, valueName: "method"))
    var method: String?

    @Option(help: ArgumentHelp("Embedding model id or trained head (default: \(ModelDefaults.model)); with --method, only the same name.", valueName: "model"))
    var model: String?

    @Option(help: "ONNX Runtime threads for the model.")
    var threads: Int = 1

    /// The ids of the models the locator knows and the names of the embedding heads on them, for parsing `--method`.
    static var knownModels: [String] { ModelLocator.fromEnvironment().embeddingNames() }
}
