/// A failure of ONNX Runtime or of a model, with the runtime's message and the model it concerns.
public enum EmbeddingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ONNX Runtime library could not be loaded.
    case runtimeUnavailable(path: String, message: String)
    /// ONNX Runtime returned an error status.
    case runtime(code: Int, message: String, model: String?)
    /// The model file named by the manifest does not exist.
    case missingModel(path: String, model: String)
    /// The model file's SHA-256 differs from the manifest's.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The manifest does not describe the model (input or output name, shape, type).
    case manifestMismatch(model: String, message: String)
    /// The manifest itself is invalid.
    case invalidManifest(String)
    /// The model produced NaN or infinite values, or an all-zero vector, for this image.
    case badOutput(model: String, message: String)

    public var description: String {
        switch self {
        case .runtimeUnavailable(let path, let message):
            "ONNX Runtime could not be loaded from \(path): \(message). Run `make setup`, or set ORT_HOME to your own build."
        case .runtime(let code, let message, let model):
            "ONNX Runtime error \(code)\(model.map { " in model \($0)" } ?? ""): \(message)"
        case .missingModel(let path, let model):
            "model \(model): file \(path) does not exist. Run `make setup` for the default model, or fix the manifest's \"file\"."
        case .checksumMismatch(let path, let expected, let actual):
            "\(path): SHA-256 \(actual) does not match the manifest's \(expected)"
        case .manifestMismatch(let model, let message):
            "model \(model): the manifest does not match the ONNX file: \(message)"
        case .invalidManifest(let message):
            "invalid model manifest: \(message)"
        case .badOutput(let model, let message):
            "model \(model): \(message)"
        }
    }
}
