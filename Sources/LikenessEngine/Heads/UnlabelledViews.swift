import LikenessCatalog
import LikenessCore
import LikenessLearning
import LikenessNumerics
import Synchronization

/// How a head learns without labels (`train contrastive DIR --unlabelled`): every image gives
/// ``views`` rows of base features, the first of the image as it is and the others of seeded
/// random edits of it (``Augmentation``), and the views of one image are what the loss treats as
/// one class. Nothing but the images is read.
public struct UnlabelledViews: Sendable, Codable, Equatable {
    /// Rows per image: the image itself and `views − 1` edits. At least 2. Default 4.
    public var views: Int
    /// The edits drawn for each view but the first. Default crop, flip, jitter and blur.
    public var augmentations: [Augmentation]

    public init(views: Int = 4, augmentations: [Augmentation] = [.crop, .flip, .jitter, .blur]) {
        self.views = views
        self.augmentations = augmentations
    }

    /// Refuses settings that give nothing to learn.
    public func validate() throws(JobError) {
        guard views >= 2 else { throw .invalidInput("--views takes at least 2 (the image and one edit of it), got \(views)") }
        guard !augmentations.isEmpty else { throw .invalidInput("learning without labels needs --augment: views that are all the same image teach nothing") }
    }

    /// The seed of one edit: the same image position, view and training seed always give the same edit.
    static func seed(image: Int, view: Int, seed: UInt64) -> UInt64 {
        seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(image) &* 0xBF58_476D_1CE4_E5B9 &+ UInt64(view) &* 0x94D0_49BB_1331_11EB
    }

    /// The model input of view `view` of an image whose model input is `pixels`: the pixels
    /// themselves for view 0, else a seeded edit of them (square inputs only; see ``features(of:model:seed:workers:batchSize:progress:cancellation:)``).
    public func view(_ view: Int, of pixels: PixelBuffer, image: Int, seed: UInt64) -> PixelBuffer {
        guard view > 0 else { return pixels }
        var random = SeededRandom(seed: Self.seed(image: image, view: view, seed: seed))
        let planes = AutoencoderEmbeddingModel.planes(pixels, channels: 3)
        let edited = Augmentation.apply(Set(augmentations), to: planes, channels: 3, side: pixels.width, random: &random)
        return AutoencoderEmbeddingModel.pixels(edited, channels: 3, side: pixels.width)
    }

    /// The base features of every view of every image, `views` rows per image in image order, and
    /// for each row the position of its image; an image whose file no longer reads, or whose
    /// views the model fails, is left out whole (counted in `failed`).
    public func features(of images: [CatalogImage], model opened: OpenedModel, seed: UInt64, workers: Int, batchSize: Int,
                  progress: any ProgressReporter, cancellation: CancellationToken) throws(JobError) -> (features: Matrix, images: [Int], failed: Int) {
        let input = opened.input
        guard input.geometry.width == input.geometry.height else {
            throw .invalidInput("\(opened.id) takes \(input.geometry.width) × \(input.geometry.height) images; views are drawn for square inputs only")
        }
        let (count, phase) = (images.count * views, "embed \(views) views of each image with \(opened.id)")
        var vectors = [[Float]?](repeating: nil, count: count)
        var done = 0
        progress.begin(phase, total: count)
        defer { progress.end(phase) }
        let views = self.views, this = self
        let decoded = SharedDecodes(uses: views)
        do {
            _ = try BatchEmbedder(model: opened.model, batchSize: batchSize, decodeWorkers: workers)
                .embed(count: count, cancellation: cancellation, prepare: { row throws(ItemFailure) in
                    let (image, view) = row.quotientAndRemainder(dividingBy: views)
                    let pixels = try decoded.pixels(of: image) { () throws(ItemFailure) in try ImageSource(images[image]).pixels(for: input) }
                    return this.view(view, of: pixels, image: image, seed: seed)
                }) { outcomes in
                    for (row, result) in outcomes { vectors[row] = try? result.get() }
                    done += outcomes.count
                    progress.advance(phase, completed: done, total: count)
                }
        } catch {
            throw JobError.wrapping(error)
        }
        var values: [Float] = [], owners: [Int] = [], failed = 0
        values.reserveCapacity(count * opened.dimension)
        for image in images.indices {
            let rows = vectors[(image * views)..<((image + 1) * views)]
            guard rows.allSatisfy({ $0?.count == opened.dimension }) else { failed += 1; continue }
            for row in rows { values += row! }
            owners += [Int](repeating: image, count: views)
        }
        return (Matrix(rows: owners.count, columns: opened.dimension, values: values), owners, failed)
    }
}

/// Each image's model input decoded once for all its views: the first view to ask decodes it (or
/// records why it cannot be), and the entry is dropped when its last view has taken it. The views of
/// an image are consecutive rows, so only the images of the batches being prepared are held.
private final class SharedDecodes: Sendable {
    private let uses: Int
    private let entries = Mutex<[Int: (decoded: Result<PixelBuffer, ItemFailure>, left: Int)]>([:])

    init(uses: Int) { self.uses = uses }

    func pixels(of image: Int, decode: () throws(ItemFailure) -> PixelBuffer) throws(ItemFailure) -> PixelBuffer {
        if let held = take(image) { return try held.get() }
        let decoded: Result<PixelBuffer, ItemFailure>
        do throws(ItemFailure) { decoded = .success(try decode()) } catch { decoded = .failure(error) }
        let kept = entries.withLock { entries -> Result<PixelBuffer, ItemFailure> in
            // Another view may have decoded it meanwhile: count this use against that entry.
            if let existing = entries[image] {
                entries[image] = existing.left > 1 ? (existing.decoded, existing.left - 1) : nil
                return existing.decoded
            }
            if uses > 1 { entries[image] = (decoded, uses - 1) }
            return decoded
        }
        return try kept.get()
    }

    /// The held decode of `image`, one use counted, or nil when none is held.
    private func take(_ image: Int) -> Result<PixelBuffer, ItemFailure>? {
        entries.withLock { entries in
            guard let entry = entries[image] else { return nil }
            entries[image] = entry.left > 1 ? (entry.decoded, entry.left - 1) : nil
            return entry.decoded
        }
    }
}
