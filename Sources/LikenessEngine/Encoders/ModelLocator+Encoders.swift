import LikenessEmbedding
import LikenessLearning

extension ModelLocator {
    /// The encoders trained on pixels (`train autoencoder`), in `<models>/encoders`.
    public var encoders: EncoderStore { EncoderStore(modelsDirectory: modelsDirectory) }

    /// Opens saved encoder `name` as a model of its own: its weights checked against their SHA-256,
    /// and images prepared as in training (squashed to its side; grey or RGB in the model).
    ///
    /// - Throws: ``JobError/encoder(_:)`` when it is missing, unreadable or damaged.
    public func openEncoder(_ name: String) throws(JobError) -> OpenedModel {
        let loaded: (manifest: EncoderManifest, autoencoder: Autoencoder)
        do throws(EncoderError) { loaded = try encoders.load(name) } catch { throw .encoder(error) }
        let model = AutoencoderEmbeddingModel(name: name, manifest: loaded.manifest, autoencoder: loaded.autoencoder)
        return OpenedModel(base: model, input: try Self.encoderInput(side: loaded.manifest.architecture.side))
    }

    /// The image preparation of an encoder of `side` pixels, in training and after: squashed to the side.
    public static func encoderInput(side: Int) throws(JobError) -> EmbeddingInput {
        do {
            return try EmbeddingInput(geometry: .init(name: "pixels", layout: .nchw, dtype: .float32, width: side, height: side, resize: .squash))
        } catch {
            throw .wrapping(error)
        }
    }
}
