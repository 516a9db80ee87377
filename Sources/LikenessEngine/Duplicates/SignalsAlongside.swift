import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessImaging
import LikenessMatching
import Synchronization

/// Signals made while new images are decoded for their embeddings, so a fresh `dupes` (or
/// `leakage`) reads and decompresses each file once for all of them: the confirmation signals and,
/// for `dupes`, the keeper's quality scores of images whose decode holds every pixel.
///
/// They are stored exactly as ``ImageSignalCache`` stores them (same kinds, versions and
/// encodings), and it reads them back instead of decoding the files again. Only images with
/// neither confirmation signal stored are given them, and only images with no quality row it
/// reads are measured; one whose signals cannot be made here is left to the cache, which then
/// reports its failure as it always has.
final class SignalsAlongside: Sendable {
    private let signals: ImageSignals
    /// Measures quality as the keeper does (without BRISQUE), when asked to.
    private let measurer: QualityMeasurer?
    /// Positions in the list being embedded whose confirmation signals are wanted.
    private let wantedConfirmation: Set<Int>
    /// Positions whose quality scores are wanted (not stored, and not a JPEG: see ``AlongsideSignals/keeperQuality``).
    private let wantedQuality: Set<Int>
    private let made = Mutex<[Int: (hashes: [BitHash], features: LocalFeatures?)]>([:])
    private let measured = Mutex<[Int: QualityScores]>([:])

    /// For the images about to be embedded (`images[n]` is position `n`), making what `wanted` names.
    /// Throws ``CatalogError``, or ``ImagingError`` when libvips cannot start.
    init(images: [CatalogImage], catalog: any CatalogStore, making wanted: AlongsideSignals) throws {
        let ids = images.map(\.id)
        if wanted.contains(.confirmation) {
            let hashes = try catalog.signals(.dihedralPHash, version: ImageSignalCache.hashVersion, for: ids)
            let features = try catalog.signals(.localFeatures, version: ImageSignalCache.featureVersion, for: ids)
            wantedConfirmation = Set(images.indices.filter { hashes[ids[$0]] == nil && features[ids[$0]] == nil })
        } else {
            wantedConfirmation = []
        }
        if wanted.contains(.keeperQuality) {
            let held = images.indices.filter { images[$0].info.map { $0.format != .jpeg } ?? false }
            var stored = Set<Int64>()
            for version in ImageSignalCache.qualityVersions(.withoutNaturalness, naturalness: false) {
                stored.formUnion(try catalog.signals(.quality, version: version, for: held.map { ids[$0] }).keys)
            }
            wantedQuality = Set(held.filter { !stored.contains(ids[$0]) })
            measurer = try QualityCoverage.withoutNaturalness.measurer()
        } else {
            wantedQuality = []
            measurer = nil
        }
        signals = try ImageSignals()
    }

    /// Whether the image at `position` still needs something made from its pixels.
    func wants(_ position: Int) -> Bool { wantedConfirmation.contains(position) || wantedQuality.contains(position) }

    /// Makes what the image at `position` still needs from the image opened for its embedding.
    func make(_ position: Int, from image: OpenedImage) {
        if wantedConfirmation.contains(position), let value = try? signals.hashesAndFeatures(of: image) {
            made.withLock { $0[position] = value }
        }
        if wantedQuality.contains(position), image.holdsPixels, let measurer, let scores = try? measurer.scores(of: image) {
            measured.withLock { $0[position] = scores }
        }
    }

    /// Stores what was made for `positions` (catalog ids in `ids`) and lets go of it.
    func store(_ positions: [Int], ids: [Int64], in catalog: any CatalogStore) throws(CatalogError) {
        let values = made.withLock { made in positions.compactMap { position in made.removeValue(forKey: position).map { (position, $0) } } }
        if !values.isEmpty {
            try catalog.storeSignals(.dihedralPHash, version: ImageSignalCache.hashVersion,
                                     values.map { (ids[$0.0], ImageSignalCache.encodeHashes($0.1.hashes)) })
            try catalog.storeSignals(.localFeatures, version: ImageSignalCache.featureVersion,
                                     values.map { (ids[$0.0], ImageSignalCache.encodeFeatures($0.1.features)) })
        }
        let scores = measured.withLock { measured in positions.compactMap { position in measured.removeValue(forKey: position).map { (position, $0) } } }
        if !scores.isEmpty {
            try catalog.storeSignals(.quality, version: ImageSignalCache.qualityVersion(naturalness: false),
                                     scores.map { (ids[$0.0], ImageSignalCache.encodeQuality($0.1)) })
        }
    }
}
