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
    public func dihedralHashes(at path: String) -> [BitHash]? { try? dihedralHashes(of: ImageSource(path: path)) }

    /// The same, read through `source` (a catalogued file is checked against its fingerprint).
    public func dihedralHashes(of source: ImageSource) throws(ItemFailure) -> [BitHash] {
        let (w, h) = phash.inputSize
        return dihedralHashes(of: try source.decode(decoder, to: .squash(width: w, height: h)))
    }

    public func dihedralHashes(of pixels: PixelBuffer) -> [BitHash] { (0..<8).map { phash.hash(pixels.dihedral($0)) } }

    /// The smallest distance between image `a` in any of its eight turns and flips and image `b` as it is.
    public static func dihedralDistance(_ a: [BitHash], _ b: [BitHash]) -> Int {
        a.map { $0.hammingDistance(to: b[0]) }.min()!
    }

    public func features(at path: String) -> LocalFeatures? { (try? features(of: ImageSource(path: path))) ?? nil }

    /// The features of the image in `source` fitted into ``featureSide``; nil for an original
    /// smaller than ``smallestFeatureSide``. Throws when the file cannot be read or decoded.
    public func features(of source: ImageSource) throws(ItemFailure) -> LocalFeatures? {
        let data = try source.bytes()
        do {
            // Small originals decode cheaply, so the size is checked on the decoded image's info.
            let (info, pixels) = try decoder.decode(data, to: .fit(width: Self.featureSide, height: Self.featureSide), path: source.path)
            guard min(info.width, info.height) >= Self.smallestFeatureSide else { return nil }
            return Self.stored(extractor.features(of: GreyImage(pixels)))
        } catch { throw error.itemFailure }
    }

    /// The features of an image fitted into ``featureSide``; nil for an original smaller than ``smallestFeatureSide``.
    public func features(of pixels: PixelBuffer, editor: ImageEditor) throws(ImagingError) -> LocalFeatures? {
        guard min(pixels.width, pixels.height) >= Self.smallestFeatureSide else { return nil }
        return Self.stored(extractor.features(of: GreyImage(try editor.resized(pixels, to: .fit(width: Self.featureSide, height: Self.featureSide)))))
    }

    /// Laplacian variance of the image fitted into ``sharpnessSide``, as the keeper choice compares it.
    public func sharpness(of source: ImageSource) throws(ItemFailure) -> Double {
        Sharpness.laplacianVariance(GreyImage(try source.decode(decoder, to: .fit(width: Self.sharpnessSide, height: Self.sharpnessSide))))
    }

    /// Features as the catalog keeps them (positions to 1/32 pixel), so computed and stored copies agree.
    static func stored(_ features: LocalFeatures) -> LocalFeatures { LocalFeatures(encoded: features.encoded())! }
}
