import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessImaging
import LikenessMatching
import Logging

/// Each image's confirmation signals (dihedral pHashes, local features, sharpness), computed at
/// most once per run and, with a catalog, once per version of the file.
///
/// A value is looked up in memory, then in the catalog (`image_signal`, dropped with the image's
/// other rows when a re-scan finds the file changed), and only then computed, in parallel, and
/// stored. Local features can be released from memory once stored (they are read back if needed
/// again), so memory stays bounded on large sets. Files are read through ``ImageSource``: a
/// catalogued file that changed since its scan is refused, so no value is ever stored against the
/// wrong content.
final class ImageSignalCache {
    /// How many values of each kind were computed from pixels, or read from the catalog.
    struct Counts: Sendable, Equatable {
        var hashes = 0
        var features = 0
        var sharpness = 0
        var quality = 0
        var borderFill = 0
    }

    /// Encoding versions: a stored value of another version is computed again. Raise one when the
    /// code that computes that signal changes what it produces.
    static let hashVersion = 3
    static let featureVersion = 2
    static let sharpnessVersion = 1
    static let qualityVersion = 6
    static let borderFillVersion = 1

    /// The version quality rows are stored under: rows measured without the BRISQUE model get one of
    /// their own, so they are measured again (with ``QualityScores/brisque``) once setup installs it.
    static func qualityVersion(naturalness: Bool) -> Int { naturalness ? qualityVersion : 1000 + qualityVersion }

    let sources: [ImageSource]
    /// Pixel sizes as catalogued (nil for files named by path): an image known to be too small for
    /// a signal gets "none" without being read.
    private let sizes: [ImageInfo?]
    /// Catalog ids, parallel to ``sources``, when the images come from ``catalog``.
    private let ids: [Int64]?
    private let catalog: (any CatalogStore)?
    let workers: Int
    private let signals: ImageSignals
    private(set) var computed = Counts()
    private(set) var loaded = Counts()
    private var hashes: [Int: [BitHash]] = [:]
    /// Nil values are images that have no features (too small): known, not to be tried again.
    private var features: [Int: LocalFeatures?] = [:]
    private var sharpness: [Int: Double] = [:]
    private var qualities: [Int: QualityScores] = [:]
    private var borderFills: [Int: Double] = [:]
    private let measurer: QualityMeasurer
    private let qualityCoverage: QualityCoverage
    /// Images that could not be read in this run, per kind; not tried again.
    private var unreadable: [ImageSignalKind: Set<Int>] = [:]
    /// Images whose features the catalog holds, so memory may let them go.
    private var featuresStored = Set<Int>()
    private var warnedStore = false
    private static let logger = Logger(label: "likeness.signals")

    /// Files named by path, with nothing stored (the signals live for this run only); quality is
    /// measured as `quality` asks.
    init(paths: [String], workers: Int, quality: QualityCoverage = .full) throws(ImagingError) {
        self.sources = paths.map { ImageSource(path: $0) }
        self.sizes = Array(repeating: nil, count: paths.count)
        self.ids = nil
        self.catalog = nil
        self.workers = max(1, workers)
        self.signals = try ImageSignals()
        self.qualityCoverage = quality
        self.measurer = try quality.measurer()
    }

    /// Catalogued images; with `catalog`, values are read from it and stored in it. Quality is
    /// measured as `quality` asks.
    init(images: [CatalogImage], catalog: (any CatalogStore)?, workers: Int, quality: QualityCoverage = .full) throws(ImagingError) {
        self.sources = images.map(ImageSource.init)
        self.sizes = images.map(\.info)
        self.ids = catalog == nil ? nil : images.map(\.id)
        self.catalog = catalog
        self.workers = max(1, workers)
        self.signals = try ImageSignals()
        self.qualityCoverage = quality
        self.measurer = try quality.measurer()
    }

    // MARK: reading

    /// The pHashes of an image in its eight turns and flips; nil when it is too small for them or cannot be read.
    func dihedralHashes(_ index: Int) -> [BitHash]? {
        fillHashes([index])
        return hashes[index].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The features of an image, nil when it has none or cannot be read.
    func features(_ index: Int) -> LocalFeatures? {
        fillFeatures([index])
        return features[index] ?? nil
    }

    /// Features already in memory (call ``fillFeatures(_:)`` first).
    func featuresInMemory(_ index: Int) -> LocalFeatures? { features[index] ?? nil }

    /// Laplacian sharpness of an image (0 when it cannot be read).
    func sharpness(_ index: Int) -> Double {
        fillSharpness([index])
        return sharpness[index] ?? 0
    }

    /// Quality scores of an image (nil when it cannot be read).
    func quality(_ index: Int) -> QualityScores? {
        fillQuality([index])
        return qualities[index]
    }

    /// The share of an image's border an edit filled (nil when it cannot be read).
    func borderFill(_ index: Int) -> Double? {
        fillBorderFill([index])
        return borderFills[index]
    }

    /// Why quality is measured without ``QualityScores/brisque``: the BRISQUE model's load error, if any.
    var naturalnessUnavailable: BRISQUEModelError? {
        if case .failure(let error) = measurer.naturalness { return error }
        return nil
    }

    /// Images whose quality could not be measured in this run, with why.
    private(set) var qualityFailures: [Int: ItemFailure] = [:]

    // MARK: filling

    func fillHashes(_ indices: [Int]) {
        for index in indices where hashes[index] == nil {
            if let size = sizes[index], !ImageSignals.hashable(width: size.width, height: size.height) { hashes[index] = [] }
        }
        let n = fill(.dihedralPHash, version: Self.hashVersion, indices, known: { hashes[$0] != nil },
                     decode: Self.decodeHashes, encode: Self.encodeHashes,
                     compute: { [signals] source throws(ItemFailure) in try signals.dihedralHashes(of: source) },
                     keep: { hashes[$0] = $1 })
        loaded.hashes += n.loaded
        computed.hashes += n.computed
    }

    func fillFeatures(_ indices: [Int]) {
        for index in indices where !features.keys.contains(index) {
            if let size = sizes[index], min(size.width, size.height) < ImageSignals.smallestFeatureSide { features[index] = .some(nil) }
        }
        let n = fill(.localFeatures, version: Self.featureVersion, indices, known: { features.keys.contains($0) },
                     decode: Self.decodeFeatures, encode: Self.encodeFeatures,
                     compute: { [signals] source throws(ItemFailure) in try signals.features(of: source) },
                     keep: { features[$0] = .some($1) })
        featuresStored.formUnion(n.stored)
        loaded.features += n.loaded
        computed.features += n.computed
    }

    func fillSharpness(_ indices: [Int]) {
        let n = fill(.sharpness, version: Self.sharpnessVersion, indices, known: { sharpness[$0] != nil },
                     decode: Self.decodeNumber, encode: Self.encodeNumber,
                     compute: { [signals] source throws(ItemFailure) in try signals.sharpness(of: source) },
                     keep: { sharpness[$0] = $1 })
        loaded.sharpness += n.loaded
        computed.sharpness += n.computed
    }

    /// Quality scores of `indices`. A cache that does not measure BRISQUE also takes rows stored
    /// with it (the same scores and one more); one that does takes only those.
    func fillQuality(_ indices: [Int]) {
        let version = Self.qualityVersion(naturalness: measurer.naturalnessModel != nil)
        let alsoReading = qualityCoverage == .withoutNaturalness ? [Self.qualityVersion(naturalness: true)] : []
        let n = fill(.quality, version: version, alsoReading: alsoReading, indices, known: { qualities[$0] != nil },
                     decode: { try? JSONDecoder().decode(QualityScores.self, from: $0) },
                     encode: { (try? JSONEncoder().encode($0)) ?? Data() },
                     compute: { [measurer] source throws(ItemFailure) in try measurer.scores(of: source) },
                     keep: { qualities[$0] = $1 }, onFailure: { qualityFailures[$0] = $1 })
        loaded.quality += n.loaded
        computed.quality += n.computed
    }

    /// Border fills of `indices`: taken from quality scores already in memory, else read back or
    /// measured alone (``QualityMeasurer/borderFill(of:)``), which costs a decode but none of the
    /// other measures.
    func fillBorderFill(_ indices: [Int]) {
        for index in indices where borderFills[index] == nil {
            if let scores = qualities[index] { borderFills[index] = scores.borderFill }
        }
        let n = fill(.borderFill, version: Self.borderFillVersion, indices, known: { borderFills[$0] != nil },
                     decode: Self.decodeNumber, encode: Self.encodeNumber,
                     compute: { [measurer] source throws(ItemFailure) in try measurer.borderFill(of: source) },
                     keep: { borderFills[$0] = $1 })
        loaded.borderFill += n.loaded
        computed.borderFill += n.computed
    }

    /// Lets go of the features of images for which `keep` is false, when the catalog holds them.
    func releaseFeatures(keeping keep: (Int) -> Bool) {
        for index in Array(features.keys) where featuresStored.contains(index) && !keep(index) { features.removeValue(forKey: index) }
    }

    /// Looks up, reads back or computes one kind for `indices`; returns how many were read and computed, and which were stored.
    /// Values are stored under `version` and read back from it, then from each of `alsoReading`.
    private func fill<Value: Sendable>(_ kind: ImageSignalKind, version: Int, alsoReading: [Int] = [], _ indices: [Int], known: (Int) -> Bool,
                                       decode: (Data) -> Value?, encode: (Value) -> Data,
                                       compute: @escaping @Sendable (ImageSource) throws(ItemFailure) -> Value,
                                       keep: (Int, Value) -> Void, onFailure: (Int, ItemFailure) -> Void = { _, _ in }) -> (loaded: Int, computed: Int, stored: [Int]) {
        let failed = unreadable[kind, default: []]
        var needed = Set(indices).filter { !known($0) && !failed.contains($0) }.sorted()
        guard !needed.isEmpty else { return (0, 0, []) }
        var stored: [Int] = []
        var loadedCount = 0
        if let catalog, let ids {
            do {
                for readable in [version] + alsoReading where !needed.isEmpty {
                    let rows = try catalog.signals(kind, version: readable, for: needed.map { ids[$0] })
                    needed = needed.filter { index in
                        guard let data = rows[ids[index]], let value = decode(data) else { return true }
                        keep(index, value)
                        stored.append(index)
                        loadedCount += 1
                        return false
                    }
                }
            } catch {
                Self.logger.warning("stored \(kind.rawValue) values could not be read, computing them: \(error)")
            }
        }
        guard !needed.isEmpty else { return (loadedCount, 0, stored) }
        let results = ParallelWork.map(needed, workers: needed.count > 1 ? workers : 1) { [sources] index -> Result<Value, ItemFailure> in
            do throws(ItemFailure) { return .success(try compute(sources[index])) } catch { return .failure(error) }
        }
        var rows: [(imageID: Int64, value: Data)] = []
        var succeeded: [Int] = []
        for (index, result) in zip(needed, results) {
            switch result {
            case .success(let value):
                keep(index, value)
                succeeded.append(index)
                if let ids { rows.append((ids[index], encode(value))) }
            case .failure(let failure):
                unreadable[kind, default: []].insert(index)
                onFailure(index, failure)
            }
        }
        if let catalog, !rows.isEmpty {
            do {
                try catalog.storeSignals(kind, version: version, rows)
                stored += succeeded
            } catch {
                if !warnedStore { Self.logger.warning("signals could not be stored in the catalog; they hold for this run only: \(error)") }
                warnedStore = true
            }
        }
        return (loadedCount, succeeded.count, stored)
    }

    // MARK: encodings

    /// One number as its eight bytes, little-endian.
    static func encodeNumber(_ value: Double) -> Data { withUnsafeBytes(of: value.bitPattern.littleEndian) { Data($0) } }

    static func decodeNumber(_ data: Data) -> Double? {
        data.count == 8 ? Double(bitPattern: UInt64(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })) : nil
    }

    /// Eight 64-bit pHashes as 64 bytes, each word little-endian; empty for "none" (an image too small).
    static func encodeHashes(_ hashes: [BitHash]) -> Data {
        var data = Data()
        for hash in hashes { for word in hash.words { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } } }
        return data
    }

    static func decodeHashes(_ data: Data) -> [BitHash]? {
        if data.isEmpty { return [] }
        guard data.count == 64 else { return nil }
        let bytes = [UInt8](data)
        return (0..<8).map { n in
            let word = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[n * 8 + $1]) << (8 * UInt64($1)) }
            return BitHash(hex: String(repeating: "0", count: 16 - String(word, radix: 16).count) + String(word, radix: 16), count: 64)!
        }
    }

    /// Empty for "no features" (an image too small), else ``LocalFeatures/encoded()``.
    static func encodeFeatures(_ features: LocalFeatures?) -> Data { Data(features?.encoded() ?? []) }

    /// The inverse of ``encodeFeatures(_:)``; nil for bytes that are not features.
    static func decodeFeatures(_ data: Data) -> LocalFeatures?? {
        if data.isEmpty { return .some(nil) }
        return LocalFeatures(encoded: data).map { .some($0) }
    }
}
