import LikenessNumerics

/// Where an autoencoder's training images come from, a batch at a time, so the whole set is never
/// held in memory: `images(at:)` returns one row per index of ``AutoencoderArchitecture/inputWidth``
/// values in [0, 1] (channels × side × side).
public protocol ImageBatchSource: Sendable {
    /// Number of images.
    var count: Int { get }
    /// The images at these indices, in order; a failed image is a row of zeros or a thrown error.
    func images(at indices: [Int]) throws -> Matrix
}

/// Images already in memory (tests, small sets).
public struct MemoryImages: ImageBatchSource {
    public let rows: Matrix

    public init(_ rows: Matrix) {
        self.rows = rows
    }

    public var count: Int { rows.rows }

    public func images(at indices: [Int]) throws -> Matrix { rows.selecting(rows: indices) }
}
