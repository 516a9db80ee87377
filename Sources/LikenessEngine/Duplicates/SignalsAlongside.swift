import Foundation
import LikenessCatalog
import LikenessCore
import LikenessImaging
import LikenessMatching
import Synchronization

/// Confirmation signals made while new images are decoded for their embeddings, so a fresh `dupes`
/// (or `leakage`) reads and decompresses each file once for both.
///
/// They are stored exactly as ``ImageSignalCache`` stores them (same kinds, versions and
/// encodings), and it reads them back instead of decoding the files again. Only images with
/// neither signal stored are done; one whose signals cannot be made here is left to the cache,
/// which then reports its failure as it always has.
final class SignalsAlongside: Sendable {
    private let signals: ImageSignals
    /// Positions in the list being embedded whose signals are wanted.
    private let wanted: Set<Int>
    private let made = Mutex<[Int: (hashes: [BitHash], features: LocalFeatures?)]>([:])

    /// For the images about to be embedded (`images[n]` is position `n`).
    /// Throws ``CatalogError``, or ``ImagingError`` when libvips cannot start.
    init(images: [CatalogImage], catalog: any CatalogStore) throws {
        let ids = images.map(\.id)
        let hashes = try catalog.signals(.dihedralPHash, version: ImageSignalCache.hashVersion, for: ids)
        let features = try catalog.signals(.localFeatures, version: ImageSignalCache.featureVersion, for: ids)
        wanted = Set(images.indices.filter { hashes[ids[$0]] == nil && features[ids[$0]] == nil })
        signals = try ImageSignals()
    }

    /// Whether the image at `position` still needs its signals (neither is stored).
    func wants(_ position: Int) -> Bool { wanted.contains(position) }

    /// Makes the signals of the image at `position` from the image opened for its embedding.
    func make(_ position: Int, from image: OpenedImage) {
        guard wants(position), let value = try? signals.hashesAndFeatures(of: image) else { return }
        made.withLock { $0[position] = value }
    }

    /// Stores the signals made for `positions` (catalog ids in `ids`) and lets go of them.
    func store(_ positions: [Int], ids: [Int64], in catalog: any CatalogStore) throws(CatalogError) {
        let values = made.withLock { made in positions.compactMap { position in made.removeValue(forKey: position).map { (position, $0) } } }
        guard !values.isEmpty else { return }
        try catalog.storeSignals(.dihedralPHash, version: ImageSignalCache.hashVersion,
                                 values.map { (ids[$0.0], ImageSignalCache.encodeHashes($0.1.hashes)) })
        try catalog.storeSignals(.localFeatures, version: ImageSignalCache.featureVersion,
                                 values.map { (ids[$0.0], ImageSignalCache.encodeFeatures($0.1.features)) })
    }
}
