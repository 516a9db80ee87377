import LikenessCore

/// A stand-in embedding model for tests of the jobs around a model: an image's vector is its mean
/// red, green and blue, L2-normalised. A black image has no direction, so it fails as a real model
/// fails on a zero vector.
public struct MeanColourModel: EmbeddingModel {
    public var id: String
    public var fingerprint: String
    public var dimension: Int { 3 }
    public var inputSize: (width: Int, height: Int) { (224, 224) }

    public init(id: String = "mean-colour", fingerprint: String = "0123456789abcdef") {
        self.id = id
        self.fingerprint = fingerprint
    }

    public func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
        images.map { image in
            var sums: [Float] = [0, 0, 0]
            for (index, value) in image.bytes.enumerated() { sums[index % 3] += Float(value) }
            let norm = sums.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return .failure(ItemFailure(.unembeddable, "zero vector")) }
            return .success(sums.map { $0 / norm })
        }
    }
}
