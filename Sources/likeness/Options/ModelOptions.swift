import ArgumentParser
import LikenessEngine

/// Which embedding model to use, and its threads. Where models live comes from the environment
/// (``ModelLocator/fromEnvironment(_:)``): $LIKENESS_MODELS, $ORT_HOME, $LIKENESS_CACHE.
struct ModelOptions: ParsableArguments {
    @Option(help: "Embedding model id, or a trained embedding head applied over its base model's vectors (see `likeness models list`).")
    var model: String = ModelDefaults.model

    @Option(help: "ONNX Runtime threads for the model.")
    var threads: Int = 1
}
