import Foundation
import LikenessCore
import LikenessEmbedding

/// Where ONNX Runtime and the model files are, and the one way to open a model by id.
public struct ModelLocator: Sendable {
    /// Model files and the `manifests` folder.
    public var modelsDirectory: String
    /// The ONNX Runtime shared library, loaded with dlopen.
    public var runtimeLibrary: String

    public init(modelsDirectory: String, runtimeLibrary: String) {
        self.modelsDirectory = modelsDirectory
        self.runtimeLibrary = runtimeLibrary
    }

    /// From the environment: models in `$LIKENESS_MODELS`, else `<cache>/models`; the runtime in
    /// `$ORT_HOME/lib`, else `<cache>/onnxruntime/lib`; the cache is `$LIKENESS_CACHE`, else
    /// `~/.cache/likeness` (where `make setup` puts both).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelLocator {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let cache = value("LIKENESS_CACHE") ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache/likeness")
        let runtime = value("ORT_HOME").map { ($0 as NSString).appendingPathComponent("lib/libonnxruntime.so") }
            ?? (cache as NSString).appendingPathComponent("onnxruntime/lib/libonnxruntime.so")
        return ModelLocator(modelsDirectory: value("LIKENESS_MODELS") ?? (cache as NSString).appendingPathComponent("models"),
                            runtimeLibrary: runtime)
    }

    /// The manifests known here.
    public var registry: ModelRegistry { ModelRegistry(modelsDirectory: modelsDirectory) }

    /// Loads the runtime and opens model `id`: its file, checksum and manifest checked.
    public func open(_ id: String, threads: Int = 1) throws(JobError) -> OpenedModel {
        do {
            let manifest = try registry.manifest(id)
            let runtime = try ONNXRuntime.load(libraryPath: runtimeLibrary)
            let model = try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: modelsDirectory, runtime: runtime, threads: threads)
            return OpenedModel(model: model, input: try EmbeddingInput(manifest: manifest))
        } catch {
            throw .wrapping(error)
        }
    }
}

/// A model ready to run, with the decoder that prepares its input.
public struct OpenedModel: Sendable {
    public let model: ONNXEmbeddingModel
    public let input: EmbeddingInput

    public var id: String { model.id }
}
