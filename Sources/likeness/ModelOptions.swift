import ArgumentParser
import Foundation
import LikenessEmbedding
import LikenessEngine

/// Where ONNX Runtime and the models are, and which model to use.
struct ModelOptions: ParsableArguments {
    @Option(help: "Embedding model id (see `likeness models list`).")
    var model: String = ModelManifest.efficientNetLite0.id

    @Option(help: "ONNX Runtime threads for the model.")
    var threads: Int = 1

    /// $LIKENESS_CACHE or ~/.cache/likeness.
    static var cache: String {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["LIKENESS_CACHE"], !cache.isEmpty { return cache }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".cache/likeness")
    }

    /// $ORT_HOME/lib/libonnxruntime.so, else the copy `make setup` installs.
    static var runtimeLibrary: String {
        if let home = ProcessInfo.processInfo.environment["ORT_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("lib/libonnxruntime.so")
        }
        return (cache as NSString).appendingPathComponent("onnxruntime/lib/libonnxruntime.so")
    }

    /// $LIKENESS_MODELS, else the cache's models folder.
    static var modelsDirectory: String {
        if let models = ProcessInfo.processInfo.environment["LIKENESS_MODELS"], !models.isEmpty { return models }
        return (cache as NSString).appendingPathComponent("models")
    }

    /// Loads the runtime and opens the chosen model, or fails with a clear message.
    func open() throws -> (model: ONNXEmbeddingModel, input: EmbeddingInput) {
        try Self.open(model: model, threads: threads)
    }

    /// Loads the runtime and opens model `id`, or fails with a clear message.
    static func open(model id: String, threads: Int) throws -> (model: ONNXEmbeddingModel, input: EmbeddingInput) {
        do {
            let manifest = try ModelRegistry(modelsDirectory: modelsDirectory).manifest(id)
            let runtime = try ONNXRuntime.load(libraryPath: runtimeLibrary)
            let opened = try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: modelsDirectory, runtime: runtime, threads: threads)
            return (opened, try EmbeddingInput(manifest: manifest))
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
    }
}
