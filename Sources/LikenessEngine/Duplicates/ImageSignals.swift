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
            let (info, pixels) = try decoder.decode(data, to: hashInput, path: source.path)
            return dihedralHashes(of: pixels, original: info)
        } catch { throw error.itemFailure }
    }

    /// The pHashes and the local features of an image opened once for its embedding too, exactly
    /// as ``dihedralHashes(of:)`` and ``features(of:)`` find them from its file.
    public func hashesAndFeatures(of image: OpenedImage) throws(ImagingError) -> (hashes: [BitHash], features: LocalFeatures?) {
        let hashes = dihedralHashes(of: try decoder.decode(image, to: hashInput), original: image.info)
        guard min(image.info.width, image.info.height) >= Self.smallestFeatureSide else { return (hashes, nil) }
        return (hashes, Self.stored(extractor.features(of: try decoder.grey(image, to: featureInput))))
    }

    /// The pHash's input size, squashed.
    private var hashInput: TargetSize { .squash(width: phash.inputSize.width, height: phash.inputSize.height) }
    private var featureInput: TargetSize { .fit(width: Self.featureSide, height: Self.featureSide) }

    /// The eight hashes, or none (empty) for an original smaller than ``smallestHashSide``.
    private func dihedralHashes(of pixels: PixelBuffer, original info: ImageInfo) -> [BitHash] {
        Self.hashable(width: info.width, height: info.height) ? dihedralHashes(of: pixels) : []
    }

    public func dihedralHashes(of pixels: PixelBuffer) -> [BitHash] { (0..<8).map { phash.hash(pixels.dihedral($0)) } }

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
