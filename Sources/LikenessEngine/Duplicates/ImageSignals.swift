import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessMatching

/// The per-image second signals, computed from files.
public struct ImageSignals: Sendable {
    /// Local features are found on the image fitted into this square.
    public static let featureSide = 384
    /// Images with a shorter side than this get no local features: upscaling adds no detail, and
    /// the corners of a thumbnail's outline match those of any similar outline.
    public static let smallestFeatureSide = 64
    /// Images with a shorter side than this (the pHash's own 32 × 32 input) get no pHashes: a
    /// blown-up thumbnail's hash carries too little to confirm anything (on 10,000 Fashion-MNIST
    /// garments of 28 px, most of the look-alikes grouped were joined only by the pHash).
    public static let smallestHashSide = 32
    /// The keeper's sharpness is measured on the image fitted into this square.
    public static let sharpnessSide = 512
    private let decoder: ImageDecoder
    private let phash: PerceptualHash
    private let extractor = LocalFeatureExtractor()

    public init() throws(ImagingError) {
        decoder = try ImageDecoder()
        phash = try! PerceptualHash()
    }

    /// pHashes of the image in its eight turns and flips (the identity first).
    public func dihedralHashes(at path: String) -> [BitHash]? { (try? dihedralHashes(of: ImageSource(path: path))).flatMap { $0.isEmpty ? nil : $0 } }

    /// The same, read through `source` (a catalogued file is checked against its fingerprint);
    /// none (empty) for an original smaller than ``smallestHashSide``.
    public func dihedralHashes(of source: ImageSource) throws(ItemFailure) -> [BitHash] {
        let data = try source.bytes()
        do {
            let opened = try decoder.open(data, path: source.path)
            guard Self.hashable(width: opened.info.width, height: opened.info.height) else { return [] }
            return dihedralHashes(of: try decoder.grey(opened, to: hashInput))
        } catch { throw error.itemFailure }
    }

    /// The pHashes and the local features of an image opened once for its embedding too, exactly
    /// as ``dihedralHashes(of:)`` and ``features(of:)`` find them from its file; the luma both
    /// read is taken once.
    public func hashesAndFeatures(of image: OpenedImage) throws(ImagingError) -> (hashes: [BitHash], features: LocalFeatures?) {
        let hashable = Self.hashable(width: image.info.width, height: image.info.height)
        let featured = min(image.info.width, image.info.height) >= Self.smallestFeatureSide
        let sizes = (hashable ? [hashInput] : []) + (featured ? [featureInput] : [])
        guard !sizes.isEmpty else { return ([], nil) }
        let greys = try decoder.grey(image, to: sizes)
        return (hashable ? dihedralHashes(of: greys[0]) : [], featured ? Self.stored(extractor.features(of: greys[greys.count - 1])) : nil)
    }

    /// The pHash's input size, squashed.
    private var hashInput: TargetSize { .squash(width: phash.inputSize.width, height: phash.inputSize.height) }
    private var featureInput: TargetSize { .fit(width: Self.featureSide, height: Self.featureSide) }

    /// The eight hashes of luma at the pHash's input size.
    public func dihedralHashes(of grey: GreyImage) -> [BitHash] { (0..<8).map { phash.hash(grey.dihedral($0)) } }

    /// The eight hashes of an image in memory, its luma taken as ``dihedralHashes(of:)`` takes a
    /// file's, whatever its size (the caller checks ``hashable(width:height:)``).
    public func dihedralHashes(of pixels: PixelBuffer, editor: ImageEditor) throws(ImagingError) -> [BitHash] {
        dihedralHashes(of: try editor.grey(pixels, to: hashInput))
    }

    /// The smallest distance between image `a` in any of its eight turns and flips and image `b`
    /// as it is; nil when either has no pHashes (too small).
    public static func dihedralDistance(_ a: [BitHash], _ b: [BitHash]) -> Int? {
        guard let first = b.first else { return nil }
        return a.map { $0.hammingDistance(to: first) }.min()
    }

    /// Whether an original of this size gets pHashes (its shorter side is at least ``smallestHashSide``).
    public static func hashable(width: Int, height: Int) -> Bool { min(width, height) >= smallestHashSide }

    public func features(at path: String) -> LocalFeatures? { (try? features(of: ImageSource(path: path))) ?? nil }

    /// The features of the image in `source` fitted into ``featureSide``; nil for an original
    /// smaller than ``smallestFeatureSide``. Throws when the file cannot be read or decoded.
    public func features(of source: ImageSource) throws(ItemFailure) -> LocalFeatures? {
        let data = try source.bytes()
        do {
            let opened = try decoder.open(data, path: source.path)
            guard min(opened.info.width, opened.info.height) >= Self.smallestFeatureSide else { return nil }
            return Self.stored(extractor.features(of: try decoder.grey(opened, to: featureInput)))
        } catch { throw error.itemFailure }
    }

    /// The features of an image fitted into ``featureSide``; nil for an original smaller than ``smallestFeatureSide``.
    public func features(of pixels: PixelBuffer, editor: ImageEditor) throws(ImagingError) -> LocalFeatures? {
        guard min(pixels.width, pixels.height) >= Self.smallestFeatureSide else { return nil }
        return Self.stored(extractor.features(of: try editor.grey(pixels, to: featureInput)))
    }

    /// Laplacian variance of the image fitted into ``sharpnessSide``, as the keeper choice compares it.
    public func sharpness(of source: ImageSource) throws(ItemFailure) -> Double {
        Sharpness.laplacianVariance(GreyImage(try source.decode(decoder, to: .fit(width: Self.sharpnessSide, height: Self.sharpnessSide))))
    }

    /// Features as the catalog keeps them (positions to 1/32 pixel), so computed and stored copies agree.
    static func stored(_ features: LocalFeatures) -> LocalFeatures { LocalFeatures(encoded: features.encoded())! }
}
