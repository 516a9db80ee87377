import LikenessEmbedding

/// The defaults every embedding job shares.
public enum ModelDefaults {
    /// The built-in model's id: EfficientNet-Lite0 with ImageNet weights.
    public static let model = ModelManifest.efficientNetLite0.id
}
