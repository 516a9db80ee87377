import Foundation

/// Everything Likeness needs to know to run an ONNX model as an embedding model. Stored as JSON.
///
/// ```json
/// {"id": "my-dino", "file": "dinov2-s14.onnx", "sha256": "…", "dimension": 384,
///  "input": {"name": "pixel_values", "layout": "nchw", "dtype": "float32", "width": 224, "height": 224,
///            "resize": "centre-crop", "crop": 0.875, "range": "unit",
///            "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
///  "output": {"name": "last_hidden_state", "pooling": "cls", "normalize": true}}
/// ```
public struct ModelManifest: Codable, Sendable, Equatable {
    public enum Layout: String, Codable, Sendable, CaseIterable { case nhwc, nchw }
    /// How an image is brought to the input size.
    public enum Resize: String, Codable, Sendable, CaseIterable {
        /// Scale the short side so the centre `crop` fraction covers the input, then cut the centre.
        case centreCrop = "centre-crop"
        /// Scale to the input size, ignoring the aspect ratio.
        case squash
        /// Fit inside the input size and pad the rest with black.
        case letterbox
    }
    /// The scale of float inputs before mean and std are applied.
    public enum Range: String, Codable, Sendable, CaseIterable {
        /// Pixels divided by 255 (torchvision style).
        case unit
        /// Pixels as 0…255.
        case byte
    }
    /// How the output tensor becomes one vector per image.
    public enum Pooling: String, Codable, Sendable, CaseIterable {
        /// The output is already [N, D].
        case none
        /// [N, C, H, W] averaged over H and W.
        case globalAverage = "gap"
        /// [N, C, H, W] generalised mean (p = 3) over H and W.
        case gem
        /// [N, T, D]: the first (class) token.
        case cls
        /// [N, T, D]: the mean over tokens.
        case tokenMean = "token-mean"

        /// The output rank this pooling expects.
        var rank: Int {
            switch self {
            case .none: 2
            case .globalAverage, .gem: 4
            case .cls, .tokenMean: 3
            }
        }
    }

    public struct Input: Codable, Sendable, Equatable {
        public var name: String
        public var layout: Layout
        public var dtype: TensorElement
        public var width: Int
        public var height: Int
        public var resize: Resize
        /// Fraction of the short side kept by centre-crop (0.875 = resize to 256, crop 224). Default 1.
        public var crop: Double?
        /// Scale of float inputs. Default unit. Ignored for uint8 inputs.
        public var range: Range?
        /// Per-channel mean (RGB), subtracted from float inputs after scaling. Default 0.
        public var mean: [Float]?
        /// Per-channel standard deviation (RGB), dividing float inputs. Default 1.
        public var std: [Float]?

        public init(name: String, layout: Layout, dtype: TensorElement, width: Int, height: Int, resize: Resize,
                    crop: Double? = nil, range: Range? = nil, mean: [Float]? = nil, std: [Float]? = nil) {
            self.name = name
            self.layout = layout
            self.dtype = dtype
            self.width = width
            self.height = height
            self.resize = resize
            self.crop = crop
            self.range = range
            self.mean = mean
            self.std = std
        }
    }

    public struct Output: Codable, Sendable, Equatable {
        public var name: String
        public var pooling: Pooling
        /// L2-normalise each vector. Default true.
        public var normalize: Bool?

        public init(name: String, pooling: Pooling, normalize: Bool? = nil) {
            self.name = name
            self.pooling = pooling
            self.normalize = normalize
        }
    }

    public var id: String
    /// The ONNX file: absolute, or relative to the models folder.
    public var file: String
    /// Expected SHA-256 of the file, lower-case hex; checked when present.
    public var sha256: String?
    public var dimension: Int
    public var input: Input
    public var output: Output

    public init(id: String, file: String, sha256: String?, dimension: Int, input: Input, output: Output) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.dimension = dimension
        self.input = input
        self.output = output
    }

    /// Checks the values that JSON cannot constrain.
    public func validate() throws(EmbeddingError) {
        func fail(_ message: String) -> EmbeddingError { .invalidManifest("\(id): \(message)") }
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw fail("id must be letters, digits, '-', '_' or '.'")
        }
        guard dimension > 0 else { throw fail("dimension must be positive") }
        guard input.width > 0, input.height > 0 else { throw fail("input width and height must be positive") }
        if let crop = input.crop, !(crop > 0 && crop <= 1) { throw fail("crop must be in (0, 1]") }
        for (name, values) in [("mean", input.mean), ("std", input.std)] {
            if let values, values.count != 3 { throw fail("\(name) needs 3 values (R, G, B)") }
        }
        if let std = input.std, std.contains(where: { $0 == 0 }) { throw fail("std must not be 0") }
        if let sha = sha256, sha.count != 64 || !sha.allSatisfy(\.isHexDigit) { throw fail("sha256 must be 64 hex digits") }
    }

    /// Reads and validates a manifest file.
    public static func load(from path: String) throws(EmbeddingError) -> ModelManifest {
        let manifest: ModelManifest
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            manifest = try JSONDecoder().decode(ModelManifest.self, from: data)
        } catch let error as DecodingError {
            throw EmbeddingError.invalidManifest("\(path): \(Self.describe(error))")
        } catch {
            throw EmbeddingError.invalidManifest("\(path): \(error.localizedDescription)")
        }
        try manifest.validate()
        return manifest
    }

    /// JSON text of the manifest, keys sorted.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}

extension ModelManifest {
    /// The default model: EfficientNet-Lite0 with ImageNet weights, converted by
    /// `scripts/onnx/convert_efficientnet.py` (normalisation (x − 127) / 128 inside the graph).
    public static let efficientNetLite0 = ModelManifest(
        id: "efficientnet-lite0",
        file: "efficientnet-lite0.onnx",
        sha256: "b55bd8a01346a801d19c0aa8dadb32649f15f55e2a85c50a3ebd0d6dbdac416d",
        dimension: 1280,
        input: Input(name: "image", layout: .nhwc, dtype: .uint8, width: 224, height: 224, resize: .centreCrop, crop: 0.875),
        output: Output(name: "embedding", pooling: .none, normalize: true))

    /// An int8 copy of the default model: static quantisation (QDQ, per-channel int8 weights with a
    /// reduced range, uint8 activations) by `scripts/onnx/quantize_efficientnet.py`, same input and output.
    public static let efficientNetLite0Int8 = ModelManifest(
        id: "efficientnet-lite0-int8",
        file: "efficientnet-lite0-int8.onnx",
        sha256: "380ed88577914bd3f0f4df8716465e18511dfecdbb19d9663c5e516a3c14ea24",
        dimension: 1280,
        input: efficientNetLite0.input,
        output: efficientNetLite0.output)

    /// The models Likeness knows without a manifest file, the default first.
    public static let builtIn: [ModelManifest] = [efficientNetLite0, efficientNetLite0Int8]
}
