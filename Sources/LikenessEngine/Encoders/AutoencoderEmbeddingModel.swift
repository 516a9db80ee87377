import LikenessCore
import LikenessLearning
import LikenessNumerics

/// A trained autoencoder's encoder as an ``EmbeddingModel``: an image's pixels (squashed to the
/// encoder's side, grey by BT.601 luma or RGB) go through the encoder, and its code, L2-normalised,
/// is the vector. The catalog stores these vectors under the encoder's name and its weights' SHA-256,
/// as it stores an ONNX model's.
public struct AutoencoderEmbeddingModel: EmbeddingModel {
    /// The encoder's name (`--model NAME`).
    public let id: String
    public let manifest: EncoderManifest
    public let autoencoder: Autoencoder

    public init(name: String, manifest: EncoderManifest, autoencoder: Autoencoder) {
        self.id = name
        self.manifest = manifest
        self.autoencoder = autoencoder
    }

    /// The weights' SHA-256 (checked when they were read).
    public var fingerprint: String { manifest.weights.sha256 }
    public var dimension: Int { manifest.architecture.code }
    public var inputSize: (width: Int, height: Int) { (manifest.architecture.side, manifest.architecture.side) }

    /// One image as the encoder's input row: values in [0, 1], channel planes of side × side.
    ///
    /// - Throws: ``EncoderError/wrongInput(encoder:trainedOn:given:)`` for an image of another size.
    public func row(_ image: PixelBuffer) throws(EncoderError) -> [Float] {
        let side = manifest.architecture.side
        guard image.width == side, image.height == side else {
            throw .wrongInput(encoder: id, trainedOn: manifest.inputDescription, given: "\(image.width)×\(image.height)")
        }
        return Self.planes(image, channels: manifest.architecture.channels)
    }

    /// Pixels as planes in [0, 1]: one of luma (BT.601) for 1 channel, R, G and B for 3.
    public static func planes(_ image: PixelBuffer, channels: Int) -> [Float] {
        if channels == 1 { return image.luma().map { $0 / 255 } }
        let plane = image.width * image.height
        var out = [Float](repeating: 0, count: 3 * plane)
        for i in 0..<plane { for c in 0..<3 { out[c * plane + i] = Float(image.bytes[3 * i + c]) / 255 } }
        return out
    }

    /// Pixels back from planes in [0, 1] (grey repeated in R, G and B).
    public static func pixels(_ planes: [Float], channels: Int, side: Int) -> PixelBuffer {
        let plane = side * side
        var bytes = [UInt8](repeating: 0, count: 3 * plane)
        for i in 0..<plane {
            for c in 0..<3 {
                let value = planes[(channels == 1 ? 0 : c) * plane + i]
                bytes[3 * i + c] = UInt8(max(0, min(255, (value * 255).rounded())))
            }
        }
        return PixelBuffer(width: side, height: side, bytes: bytes)
    }

    /// The L2-normalised code of each image; an image of the wrong size fails alone.
    public func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
        var results = [Result<[Float], ItemFailure>](repeating: .failure(ItemFailure(.unembeddable, "not embedded")), count: images.count)
        var good: [Int] = [], values: [Float] = []
        for (i, image) in images.enumerated() {
            do throws(EncoderError) {
                values += try row(image)
                good.append(i)
            } catch {
                results[i] = .failure(ItemFailure(.unembeddable, error.description))
            }
        }
        guard !good.isEmpty else { return results }
        let codes = autoencoder.encode(Matrix(rows: good.count, columns: manifest.architecture.inputWidth, values: values)).normalisedRows()
        for (row, i) in good.enumerated() {
            let code = codes.row(row)
            results[i] = code.allSatisfy(\.isFinite) && code.contains { $0 != 0 } ? .success(code) : .failure(ItemFailure(.unembeddable, "the encoder gave a zero or non-finite code"))
        }
        return results
    }
}
