import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessLearning
import LikenessNumerics
import Synchronization

/// Catalogued images as an autoencoder's training source: each batch is read and decoded when asked
/// for (through ``ImageSource``, squashed to the encoder's side on load, on `workers` threads).
/// Decoded rows are kept for the next epochs while they fit in ``memoryBudget`` bytes; the images
/// beyond it are read from their files every time, so memory is bounded by the budget (plus one
/// batch), not by the number of images. A 28 × 28 grey image takes 3 KB: the default 256 MB holds
/// about 85,000 of them. Reading a small PNG through libvips costs far more than a training step
/// on it, so the cache is what keeps an epoch's time in the network.
///
/// An image that no longer reads gives a row of zeros and is counted in ``failures``; it is not
/// kept, so it is tried again in the next epoch.
public final class CatalogImageBatches: ImageBatchSource {
    public let images: [CatalogImage]
    public let input: EmbeddingInput
    public let architecture: AutoencoderArchitecture
    public let workers: Int
    /// Bytes of decoded rows kept between epochs. Default 256 MB; 0 reads every batch from the files.
    public let memoryBudget: Int
    private let failed = Atomic<Int>(0)
    private let kept = Mutex<(rows: [Int: [Float]], bytes: Int)>(([:], 0))

    public init(images: [CatalogImage], input: EmbeddingInput, architecture: AutoencoderArchitecture, workers: Int,
                memoryBudget: Int = 256 << 20) {
        self.images = images
        self.input = input
        self.architecture = architecture
        self.workers = max(1, workers)
        self.memoryBudget = max(0, memoryBudget)
    }

    /// How many decoded images are kept in memory.
    public var keptImages: Int { kept.withLock { $0.rows.count } }

    public var count: Int { images.count }

    /// Reads so far that failed (each failed read of an image counts once per batch it was in).
    public var failures: Int { failed.load(ordering: .relaxed) }

    public func images(at indices: [Int]) throws -> Matrix {
        let (input, channels, width) = (input, architecture.channels, architecture.inputWidth)
        let known = kept.withLock { store in indices.map { store.rows[$0] } }
        let missing = indices.indices.filter { known[$0] == nil }
        let sources = missing.map { ImageSource(images[indices[$0]]) }
        let read = ParallelWork.map(sources, workers: workers) { source -> [Float]? in
            (try? source.pixels(for: input)).map { AutoencoderEmbeddingModel.planes($0, channels: channels) }
        }
        var rows = known
        for (position, row) in zip(missing, read) { rows[position] = row?.count == width ? row : nil }
        keep(zip(missing, read).compactMap { position, row in row?.count == width ? (indices[position], row!) : nil })
        var values: [Float] = []
        values.reserveCapacity(indices.count * width)
        for row in rows {
            if let row { values += row } else {
                failed.add(1, ordering: .relaxed)
                values += [Float](repeating: 0, count: width)
            }
        }
        return Matrix(rows: indices.count, columns: width, values: values)
    }

    /// Keeps freshly decoded rows while the budget lasts.
    private func keep(_ decoded: [(index: Int, row: [Float])]) {
        guard memoryBudget > 0, !decoded.isEmpty else { return }
        kept.withLock { store in
            for (index, row) in decoded {
                let bytes = row.count * MemoryLayout<Float>.stride
                guard store.bytes + bytes <= memoryBudget else { return }
                store.rows[index] = row
                store.bytes += bytes
            }
        }
    }
}
