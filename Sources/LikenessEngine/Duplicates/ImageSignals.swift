import Foundation
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
    private let decoder: ImageDecoder
    private let phash: PerceptualHash
    private let extractor = LocalFeatureExtractor()

    public init() throws(ImagingError) {
        decoder = try ImageDecoder()
        phash = try! PerceptualHash()
    }

    /// pHashes of the image in its eight turns and flips (the identity first).
    public func dihedralHashes(at path: String) -> [BitHash]? {
        let (w, h) = phash.inputSize
        guard let pixels = try? ImageSource(path: path).decode(decoder, to: .squash(width: w, height: h)) else { return nil }
        return dihedralHashes(of: pixels)
    }

    public func dihedralHashes(of pixels: PixelBuffer) -> [BitHash] { (0..<8).map { phash.hash(pixels.dihedral($0)) } }

    /// The smallest distance between image `a` in any of its eight turns and flips and image `b` as it is.
    public static func dihedralDistance(_ a: [BitHash], _ b: [BitHash]) -> Int {
        a.map { $0.hammingDistance(to: b[0]) }.min()!
    }

    public func features(at path: String) -> LocalFeatures? {
        guard let data = try? ImageSource(path: path).bytes(),
              let info = try? decoder.probe(data), min(info.width, info.height) >= Self.smallestFeatureSide,
              let pixels = try? decoder.decode(data, to: .fit(width: Self.featureSide, height: Self.featureSide)).pixels else { return nil }
        return extractor.features(of: GreyImage(pixels))
    }

    /// The features of an image fitted into ``featureSide``; nil for an original smaller than ``smallestFeatureSide``.
    public func features(of pixels: PixelBuffer, editor: ImageEditor) throws(ImagingError) -> LocalFeatures? {
        guard min(pixels.width, pixels.height) >= Self.smallestFeatureSide else { return nil }
        return extractor.features(of: GreyImage(try editor.resized(pixels, to: .fit(width: Self.featureSide, height: Self.featureSide))))
    }
}
