import Foundation
import LikenessAnalysis
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
///
/// The keeper's border fill is made here too, where it costs no decode: for an image that is not
/// a JPEG (its pixels are held in memory once opened) and fits within ``QualityScores/analysisSide``
/// (measured as it is, with no resize). Any other image's border is measured by the keeper, if it
/// ever needs it.
final class SignalsAlongside: Sendable {
    private let signals: ImageSignals
    private let measurer: QualityMeasurer
    /// Positions in the list being embedded whose confirmation signals are wanted.
    private let wanted: Set<Int>
    /// Positions whose border fill is wanted and cheap here.
    private let wantedBorder: Set<Int>
    private let made = Mutex<[Int: Made]>([:])

    /// What was made for one image.
    private struct Made {
        var signals: (hashes: [BitHash], features: LocalFeatures?)?
        var border: Double?
    }

    /// For the images about to be embedded (`images[n]` is position `n`).
    /// Throws ``CatalogError``, or ``ImagingError`` when libvips cannot start.
    init(images: [CatalogImage], catalog: any CatalogStore) throws {
        let ids = images.map(\.id)
        let hashes = try catalog.signals(.dihedralPHash, version: ImageSignalCache.hashVersion, for: ids)
        let features = try catalog.signals(.localFeatures, version: ImageSignalCache.featureVersion, for: ids)
        let borders = try catalog.signals(.borderFill, version: ImageSignalCache.borderFillVersion, for: ids)
        wanted = Set(images.indices.filter { hashes[ids[$0]] == nil && features[ids[$0]] == nil })
        wantedBorder = Set(images.indices.filter { borders[ids[$0]] == nil && images[$0].info.map(Self.borderIsCheap) == true })
        signals = try ImageSignals()
        measurer = try QualityMeasurer(naturalness: .failure(.notNeeded))
    }

    /// Whether an image's border fill costs no decode and no resize beside its embedding.
    static func borderIsCheap(_ info: ImageInfo) -> Bool {
        info.format != .jpeg && info.width <= QualityScores.analysisSide && info.height <= QualityScores.analysisSide
    }

    /// Whether the image at `position` still needs something made here (so it is opened, not just decoded).
    func wants(_ position: Int) -> Bool { wanted.contains(position) || wantedBorder.contains(position) }

    /// Makes what the image at `position` still needs from the image opened (from `bytes`) for its embedding.
    func make(_ position: Int, from image: OpenedImage, bytes: [UInt8]) {
        var value = Made()
        if wanted.contains(position) { value.signals = try? signals.hashesAndFeatures(of: image) }
        if wantedBorder.contains(position) { value.border = try? measurer.borderFill(of: bytes, opened: image) }
        guard value.signals != nil || value.border != nil else { return }
        made.withLock { $0[position] = value }
    }

    /// Stores what was made for `positions` (catalog ids in `ids`) and lets go of it.
    func store(_ positions: [Int], ids: [Int64], in catalog: any CatalogStore) throws(CatalogError) {
        let values = made.withLock { made in positions.compactMap { position in made.removeValue(forKey: position).map { (ids[position], $0) } } }
        let signalled = values.compactMap { id, value in value.signals.map { (id, $0) } }
        if !signalled.isEmpty {
            try catalog.storeSignals(.dihedralPHash, version: ImageSignalCache.hashVersion,
                                     signalled.map { ($0.0, ImageSignalCache.encodeHashes($0.1.hashes)) })
            try catalog.storeSignals(.localFeatures, version: ImageSignalCache.featureVersion,
                                     signalled.map { ($0.0, ImageSignalCache.encodeFeatures($0.1.features)) })
        }
        let borders = values.compactMap { id, value in value.border.map { (id, ImageSignalCache.encodeNumber($0)) } }
        if !borders.isEmpty { try catalog.storeSignals(.borderFill, version: ImageSignalCache.borderFillVersion, borders) }
    }
}
