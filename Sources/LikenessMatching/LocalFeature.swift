/// A 256-bit binary descriptor, compared by Hamming distance.
public struct BinaryDescriptor: Sendable, Hashable {
    public var words: (UInt64, UInt64, UInt64, UInt64)

    public init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) { words = (w0, w1, w2, w3) }

    @inline(__always)
    public func distance(to other: BinaryDescriptor) -> Int {
        (words.0 ^ other.words.0).nonzeroBitCount + (words.1 ^ other.words.1).nonzeroBitCount
            + (words.2 ^ other.words.2).nonzeroBitCount + (words.3 ^ other.words.3).nonzeroBitCount
    }

    public static func == (a: BinaryDescriptor, b: BinaryDescriptor) -> Bool { a.distance(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}

/// A corner found in an image, with its orientation and descriptor.
public struct LocalFeature: Sendable, Hashable {
    /// Position in the pixels of the image the features were extracted from (pyramid level 0).
    public var x: Float
    public var y: Float
    /// The pyramid level it was found on (0 is full size).
    public var level: Int
    /// Orientation in radians, from the intensity centroid of its patch.
    public var angle: Float
    public var descriptor: BinaryDescriptor
}

/// The local features of one image.
public struct LocalFeatures: Sendable {
    /// Size of the image they were extracted from.
    public var width: Int
    public var height: Int
    public let features: [LocalFeature]
    /// The descriptors' words, four per feature, laid out flat for fast matching.
    let words: [UInt64]

    public init(width: Int, height: Int, features: [LocalFeature]) {
        self.width = width
        self.height = height
        self.features = features
        words = features.flatMap { [$0.descriptor.words.0, $0.descriptor.words.1, $0.descriptor.words.2, $0.descriptor.words.3] }
    }
}
