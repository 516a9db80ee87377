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

    /// Loads the runtime and opens model `id`: its file, checksum and manifest checked. A name that
    /// is no model's but a saved embedding head's opens the head over its base model
    /// (``openHead(_:threads:)``), and a saved encoder's opens the encoder (``openEncoder(_:)``), so
    /// every job that takes `--model` takes a head or an encoder the same way.
    public func open(_ id: String, threads: Int = 1) throws(JobError) -> OpenedModel {
        let registry = self.registry
        if (try? registry.manifest(id)) == nil {
            if heads.names().contains(id) { return try openHead(id, threads: threads) }
            if encoders.names().contains(id) { return try openEncoder(id) }
        }
        do {
            let manifest = try registry.manifest(id)
            let runtime = try ONNXRuntime.load(libraryPath: runtimeLibrary)
            let model = try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: modelsDirectory, runtime: runtime, threads: threads)
            return OpenedModel(base: model, input: try EmbeddingInput(manifest: manifest), threads: threads)
        } catch {
            throw .wrapping(error)
        }
    }
}

/// A model ready to run, with the decoder that prepares its input, and the embedding head on top
/// when `--model` named one.
///
/// The catalog stores the ``base`` model's vectors; a head is applied to them when they are read
/// (``EmbeddingSpace``), and to a new image's base vector through ``model``.
public struct OpenedModel: Sendable {
    /// The model whose vectors the catalog stores: an ONNX model, or an encoder Likeness trained.
    public let base: any EmbeddingModel
    public let input: EmbeddingInput
    /// The head applied on top of the base, if any.
    public let head: OpenedHead?
    /// Threads each run of the base model uses (ONNX Runtime's, `--threads`); 1 for an encoder.
    public let threads: Int

    public init(base: any EmbeddingModel, input: EmbeddingInput, head: OpenedHead? = nil, threads: Int = 1) {
        self.base = base
        self.input = input
        self.head = head
        self.threads = max(1, threads)
    }

    /// What embeds an image for this method: the base, or the base then the head.
    public var model: any EmbeddingModel { head.map { HeadedEmbeddingModel(base: base, head: $0) } ?? base }

    /// The method's name: the head's, else the model's id.
    public var id: String { head?.name ?? base.id }

    /// Width of the method's vectors.
    public var dimension: Int { head?.dimension ?? base.dimension }
}
