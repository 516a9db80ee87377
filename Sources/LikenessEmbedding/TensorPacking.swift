import Foundation
import LikenessCore

/// Lays out RGB pixel buffers as the model's input tensor, applying the manifest's scaling.
enum TensorPacking {
    static func pack(_ images: [PixelBuffer], manifest: ModelManifest) -> ONNXSession.Input {
        let m = manifest.input
        let plane = m.width * m.height
        if m.dtype == .uint8 {
            if m.layout == .nhwc { return .uint8(images.flatMap(\.bytes)) }
            var out = [UInt8](repeating: 0, count: images.count * 3 * plane)
            for (n, image) in images.enumerated() {
                for i in 0..<plane { for c in 0..<3 { out[(n * 3 + c) * plane + i] = image.bytes[3 * i + c] } }
            }
            return .uint8(out)
        }
        let scale: Float = (m.range ?? .unit) == .unit ? 1 / 255 : 1
        let mean = m.mean ?? [0, 0, 0], std = m.std ?? [1, 1, 1]
        var out = [Float](repeating: 0, count: images.count * 3 * plane)
        for (n, image) in images.enumerated() {
            for i in 0..<plane {
                for c in 0..<3 {
                    let value = (Float(image.bytes[3 * i + c]) * scale - mean[c]) / std[c]
                    let index = m.layout == .nhwc ? (n * plane + i) * 3 + c : (n * 3 + c) * plane + i
                    out[index] = value
                }
            }
        }
        return .float32(out)
    }
}

/// Turns the output tensor into one vector per image, as the manifest's pooling says.
enum Pooling {
    static func pool(_ output: (shape: [Int], values: [Float]), count: Int, manifest: ModelManifest) throws(EmbeddingError) -> [[Float]] {
        let shape = output.shape
        guard shape.first == count else {
            throw EmbeddingError.manifestMismatch(model: manifest.id, message: "output batch \(shape.first ?? 0) for \(count) images")
        }
        let values = output.values
        switch manifest.output.pooling {
        case .none:
            let d = shape[1]
            return (0..<count).map { Array(values[($0 * d)..<(($0 + 1) * d)]) }
        case .globalAverage, .gem:
            let (c, spatial) = (shape[1], shape[2] * shape[3])
            let p: Float = 3
            return (0..<count).map { n in
                (0..<c).map { channel in
                    let start = (n * c + channel) * spatial
                    let slice = values[start..<(start + spatial)]
                    if manifest.output.pooling == .globalAverage { return slice.reduce(0, +) / Float(spatial) }
                    let mean = slice.reduce(0) { $0 + Float.pow(max($1, 1e-6), p) } / Float(spatial)
                    return Float.pow(mean, 1 / p)
                }
            }
        case .cls, .tokenMean:
            let (tokens, d) = (shape[1], shape[2])
            return (0..<count).map { n in
                let base = n * tokens * d
                if manifest.output.pooling == .cls { return Array(values[base..<(base + d)]) }
                var mean = [Float](repeating: 0, count: d)
                for t in 0..<tokens { for j in 0..<d { mean[j] += values[base + t * d + j] } }
                return mean.map { $0 / Float(tokens) }
            }
        }
    }
}

extension Float {
    static func pow(_ base: Float, _ exponent: Float) -> Float { Float(Foundation.pow(Double(base), Double(exponent))) }
}
