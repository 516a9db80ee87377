import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessLearning
import LikenessNumerics
import Synchronization

/// Catalogued images as an autoencoder's training source: each batch is read and decoded when asked
/// for (through ``ImageSource``, squashed to the encoder's side on load, on `workers` threads), so
/// only one batch of pixels is in memory whatever the number of images.
///
/// An image that no longer reads gives a row of zeros and is counted in ``failures``.
public final class CatalogImageBatches: ImageBatchSource {
    public let images: [CatalogImage]
    public let input: EmbeddingInput
    public let architecture: AutoencoderArchitecture
    public let workers: Int
    private let failed = Atomic<Int>(0)

    public init(images: [CatalogImage], input: EmbeddingInput, architecture: AutoencoderArchitecture, workers: Int) {
        self.images = images
        self.input = input
        self.architecture = architecture
        self.workers = max(1, workers)
    }

    public var count: Int { images.count }

    /// Reads so far that failed (each failed read of an image counts once per batch it was in).
    public var failures: Int { failed.load(ordering: .relaxed) }

    public func images(at indices: [Int]) throws -> Matrix {
        let (input, channels, width) = (input, architecture.channels, architecture.inputWidth)
        let sources = indices.map { ImageSource(images[$0]) }
        let rows = ParallelWork.map(sources, workers: workers) { source -> [Float]? in
            (try? source.pixels(for: input)).map { AutoencoderEmbeddingModel.planes($0, channels: channels) }
        }
        var values: [Float] = []
        values.reserveCapacity(indices.count * width)
        for row in rows {
            if let row, row.count == width { values += row } else {
                failed.add(1, ordering: .relaxed)
                values += [Float](repeating: 0, count: width)
            }
        }
        return Matrix(rows: indices.count, columns: width, values: values)
    }
}
