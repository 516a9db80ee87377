import LikenessEmbedding
import LikenessEngine
import LikenessTestSupport

extension TestModels {
    /// The small ResNet-shaped test network (setup writes it), with its input as its manifest says.
    static func tinyResNet() throws -> (ONNXEmbeddingModel, EmbeddingInput) {
        let runtime = try ONNXRuntime.load(libraryPath: runtimeLibrary)
        let manifest = try ModelManifest.load(from: tinyManifest("resnet-tiny"))
        return (try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: tinyDirectory, runtime: runtime),
                try EmbeddingInput(manifest: manifest))
    }
}
