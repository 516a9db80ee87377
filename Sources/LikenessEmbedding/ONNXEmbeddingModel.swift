import Foundation
import LikenessCore
import LikenessDigest

/// An ONNX model run through ONNX Runtime as described by its manifest.
public final class ONNXEmbeddingModel: EmbeddingModel, @unchecked Sendable {
    public let manifest: ModelManifest
    public let modelPath: String
    /// SHA-256 of the model file.
    public let fingerprint: String
    /// Run from several threads at once as ONNX Runtime allows (`Run` is thread-safe on one session).
    private let session: ONNXSession

    public var id: String { manifest.id }
    public var dimension: Int { manifest.dimension }
    public var inputSize: (width: Int, height: Int) { (manifest.input.width, manifest.input.height) }

    /// Opens the model: checks the file exists, its SHA-256 (when the manifest gives one), and that
    /// the manifest's input and output match the graph.
    ///
    /// - Parameter modelsDirectory: where a relative `file` is looked up.
    public init(manifest: ModelManifest, modelsDirectory: String, runtime: ONNXRuntime, threads: Int = 1) throws(EmbeddingError) {
        try manifest.validate()
        self.manifest = manifest
        let path = manifest.path(in: modelsDirectory)
        self.modelPath = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingError.missingModel(path: path, model: manifest.id)
        }
        let digest = FastSHA256.hash(Array(data)).hex
        if let expected = manifest.sha256?.lowercased(), expected != digest {
            throw EmbeddingError.checksumMismatch(path: path, expected: expected, actual: digest)
        }
        fingerprint = digest
        session = try ONNXSession(runtime: runtime, modelPath: path, threads: threads, label: manifest.id)
        try Self.check(manifest, against: session)
    }

    /// Compares the manifest with the graph's declared inputs and outputs.
    static func check(_ manifest: ModelManifest, against session: ONNXSession) throws(EmbeddingError) {
        func fail(_ message: String) -> EmbeddingError { .manifestMismatch(model: manifest.id, message: message) }
        guard let input = session.inputs.first(where: { $0.name == manifest.input.name }) else {
            throw fail("no input named \"\(manifest.input.name)\"; the model's inputs are \(session.inputs.map(\.name))")
        }
        guard input.element == manifest.input.dtype else {
            throw fail("input \"\(input.name)\" takes \(input.element?.rawValue ?? "another type"), the manifest says \(manifest.input.dtype.rawValue)")
        }
        let m = manifest.input
        let expected = m.layout == .nhwc ? [-1, m.height, m.width, 3] : [-1, 3, m.height, m.width]
        guard input.shape.count == 4 else { throw fail("input \"\(input.name)\" has rank \(input.shape.count), expected 4 (\(m.layout.rawValue))") }
        for axis in 1..<4 where input.shape[axis] >= 0 && input.shape[axis] != expected[axis] {
            throw fail("input \"\(input.name)\" has shape \(input.shape), the manifest implies \(expected) (\(m.layout.rawValue))")
        }
        guard let output = session.outputs.first(where: { $0.name == manifest.output.name }) else {
            throw fail("no output named \"\(manifest.output.name)\"; the model's outputs are \(session.outputs.map(\.name))")
        }
        guard output.element == .float32 else { throw fail("output \"\(output.name)\" is not float32") }
        guard output.shape.count == manifest.output.pooling.rank else {
            throw fail("output \"\(output.name)\" has rank \(output.shape.count), pooling \(manifest.output.pooling.rawValue) needs \(manifest.output.pooling.rank)")
        }
        let featureAxis = manifest.output.pooling == .globalAverage || manifest.output.pooling == .gem ? 1 : output.shape.count - 1
        if output.shape[featureAxis] >= 0 && output.shape[featureAxis] != manifest.dimension {
            throw fail("output \"\(output.name)\" has \(output.shape[featureAxis]) features, the manifest says \(manifest.dimension)")
        }
    }

    public func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
        guard !images.isEmpty else { return [] }
        let m = manifest.input
        for image in images where (image.width, image.height) != (m.width, m.height) {
            throw EmbeddingError.invalidManifest("\(id): image is \(image.width)×\(image.height), the model takes \(m.width)×\(m.height)")
        }
        let shape = m.layout == .nhwc ? [images.count, m.height, m.width, 3] : [images.count, 3, m.height, m.width]
        let tensor = TensorPacking.pack(images, manifest: manifest)
        let output = try session.run(inputName: m.name, input: tensor, shape: shape, outputName: manifest.output.name)
        let vectors = try Pooling.pool(output, count: images.count, manifest: manifest)
        let normalize = manifest.output.normalize ?? true
        return vectors.map { vector in
            if vector.contains(where: { !$0.isFinite }) {
                return .failure(ItemFailure(.unembeddable, EmbeddingError.badOutput(model: id, message: "output contains NaN or infinity").description))
            }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else {
                return .failure(ItemFailure(.unembeddable, EmbeddingError.badOutput(model: id, message: "output is an all-zero vector").description))
            }
            return .success(normalize ? vector.map { $0 / norm } : vector)
        }
    }
}
