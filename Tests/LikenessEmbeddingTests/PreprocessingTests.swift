import LikenessCore
@testable import LikenessEmbedding
import Testing

/// Tensor layout, scaling and pooling against hand-computed values.
@Suite struct PreprocessingTests {
    func manifest(layout: ModelManifest.Layout, dtype: TensorElement, range: ModelManifest.Range? = nil,
                  mean: [Float]? = nil, std: [Float]? = nil, pooling: ModelManifest.Pooling = .none) -> ModelManifest {
        ModelManifest(id: "t", file: "t.onnx", sha256: nil, dimension: 2,
                      input: .init(name: "x", layout: layout, dtype: dtype, width: 2, height: 1, resize: .squash,
                                   range: range, mean: mean, std: std),
                      output: .init(name: "y", pooling: pooling))
    }

    // Two pixels: (10, 20, 30) and (40, 50, 60).
    let image = PixelBuffer(width: 2, height: 1, bytes: [10, 20, 30, 40, 50, 60])

    @Test func uint8Layouts() {
        guard case .uint8(let nhwc) = TensorPacking.pack([image], manifest: manifest(layout: .nhwc, dtype: .uint8)),
              case .uint8(let nchw) = TensorPacking.pack([image], manifest: manifest(layout: .nchw, dtype: .uint8)) else {
            Issue.record("expected uint8 tensors"); return
        }
        #expect(nhwc == [10, 20, 30, 40, 50, 60])
        #expect(nchw == [10, 40, 20, 50, 30, 60])
    }

    @Test("float NCHW: (x / 255 − mean) / std per channel")
    func floatScaling() throws {
        let m = manifest(layout: .nchw, dtype: .float32, range: .unit, mean: [0.5, 0, 0], std: [0.5, 1, 2])
        guard case .float32(let values) = TensorPacking.pack([image], manifest: m) else { Issue.record("expected float"); return }
        let expected: [Float] = [(10 / 255 - 0.5) / 0.5, (40 / 255 - 0.5) / 0.5, 20 / 255, 50 / 255, 30 / 255 / 2, 60 / 255 / 2]
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        let bytes = manifest(layout: .nhwc, dtype: .float32, range: .byte, mean: [10, 10, 10])
        guard case .float32(let raw) = TensorPacking.pack([image], manifest: bytes) else { Issue.record("expected float"); return }
        #expect(raw == [0, 10, 20, 30, 40, 50])
    }

    @Test("pooling: GAP and GeM over H×W, CLS and token mean over tokens")
    func pooling() throws {
        // [1, 2, 1, 2]: channel 0 = (1, 3), channel 1 = (2, 2).
        let spatial = (shape: [1, 2, 1, 2], values: [Float](arrayLiteral: 1, 3, 2, 2))
        #expect(try Pooling.pool(spatial, count: 1, manifest: manifest(layout: .nchw, dtype: .float32, pooling: .globalAverage)) == [[2, 2]])
        let gem = try Pooling.pool(spatial, count: 1, manifest: manifest(layout: .nchw, dtype: .float32, pooling: .gem))[0]
        #expect(abs(gem[0] - Float.pow((1 + 27) / 2, 1.0 / 3)) < 1e-5 && abs(gem[1] - 2) < 1e-5)
        // [1, 3, 2]: tokens (1, 2), (3, 4), (5, 6).
        let tokens = (shape: [1, 3, 2], values: [Float](arrayLiteral: 1, 2, 3, 4, 5, 6))
        #expect(try Pooling.pool(tokens, count: 1, manifest: manifest(layout: .nchw, dtype: .float32, pooling: .cls)) == [[1, 2]])
        #expect(try Pooling.pool(tokens, count: 1, manifest: manifest(layout: .nchw, dtype: .float32, pooling: .tokenMean)) == [[3, 4]])
    }
}
