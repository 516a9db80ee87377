import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// What a training report shows of an autoencoder: a fixed sample of images as the encoder sees
/// them, and their reconstructions after some of the epochs (``epochsShown(of:)``).
public struct TrainingReconstructions: Sendable {
    /// One epoch's reconstructions, in the sample's order.
    public struct Snapshot: Sendable {
        public var epoch: Int
        public var images: [PixelBuffer]
    }

    /// The sample's files, and their pixels at the encoder's input size and channels.
    public var paths: [String]
    public var inputs: [PixelBuffer]
    public var snapshots: [Snapshot] = []

    /// The epochs whose reconstructions are kept: every epoch up to `limit`, otherwise `limit`
    /// epochs evenly spread from the first to the last.
    public static func epochsShown(of total: Int, limit: Int = 8) -> Set<Int> {
        guard total > limit else { return Set(1...max(1, total)) }
        return Set((0..<limit).map { 1 + Int((Double($0) * Double(total - 1) / Double(limit - 1)).rounded()) })
    }

    /// `count` image positions for the sample: held-out images evenly spread over their list (which
    /// is in path order, so a folder per class gives every class a chance), then training images
    /// when fewer are held out.
    static func sample(_ count: Int, held: [Int], train: [Int]) -> [Int] {
        func spread(_ list: [Int], _ n: Int) -> [Int] {
            guard n < list.count else { return list }
            return (0..<n).map { list[$0 * list.count / n] }
        }
        let fromHeld = spread(held, max(0, count))
        return fromHeld + spread(train, max(0, count - fromHeld.count))
    }

    /// Keeps `autoencoder`'s reconstructions of `sample` (the inputs' planes) when `epoch` is shown.
    mutating func record(epoch: Int, of total: Int, autoencoder: Autoencoder, sample: Matrix) {
        guard Self.epochsShown(of: total).contains(epoch) else { return }
        let architecture = autoencoder.architecture
        let reconstructed = autoencoder.reconstruct(sample)
        snapshots.append(Snapshot(epoch: epoch, images: (0..<sample.rows).map {
            AutoencoderEmbeddingModel.pixels(reconstructed.row($0), channels: architecture.channels, side: architecture.side)
        }))
    }
}
