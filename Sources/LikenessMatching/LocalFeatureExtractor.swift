import Foundation
import LikenessCore

/// Finds oriented FAST corners over an image pyramid and describes them with oriented binary
/// tests: local features that survive crops, shifts, turns, rescaling and changes of exposure,
/// for checking that two images show the same scene in a consistent geometry.
public struct LocalFeatureExtractor: Sendable {
    /// Pyramid levels; each is smaller than the one before by ``scaleFactor``.
    public var levels: Int
    public var scaleFactor: Float
    /// Most features kept per image, strongest first, shared between levels by area.
    public var maximumFeatures: Int
    /// FAST contrast threshold on the [0, 255] grey scale.
    public var threshold: Float
    private let brief = OrientedBRIEF()

    public init(levels: Int = 5, scaleFactor: Float = 1.3, maximumFeatures: Int = 400, threshold: Float = 12) {
        self.levels = max(1, levels)
        self.scaleFactor = max(1.05, scaleFactor)
        self.maximumFeatures = max(1, maximumFeatures)
        self.threshold = threshold
    }

    /// The features of a grey image (values in [0, 255]). Positions are in `image`'s pixels.
    public func features(of image: GreyImage) -> LocalFeatures {
        var level = image
        var found: [LocalFeature] = []
        let shares = (0..<levels).map { pow(1 / scaleFactor, 2 * Float($0)) }
        let total = shares.reduce(0, +)
        for n in 0..<levels {
            if n > 0 {
                let scale = pow(scaleFactor, Float(n))
                let (w, h) = (Int((Float(image.width) / scale).rounded()), Int((Float(image.height) / scale).rounded()))
                guard w > 2 * OrientedBRIEF.margin + 8, h > 2 * OrientedBRIEF.margin + 8 else { break }
                level = level.bilinear(width: w, height: h)
            }
            let scale = Float(image.width) / Float(level.width)
            let budget = max(1, Int((Float(maximumFeatures) * shares[n] / total).rounded()))
            let corners = FASTCorners.detect(level, threshold: threshold, margin: OrientedBRIEF.margin)
                .sorted { ($0.score, $1.y, $1.x) > ($1.score, $0.y, $0.x) }.prefix(budget)
            guard !corners.isEmpty else { continue }
            let smoothed = level.blurred(sigma: 2)
            for corner in corners {
                let angle = OrientedBRIEF.orientation(level, x: corner.x, y: corner.y)
                found.append(LocalFeature(x: Float(corner.x) * scale, y: Float(corner.y) * scale, level: n, angle: angle,
                                          descriptor: brief.describe(smoothed, x: corner.x, y: corner.y, angle: angle)))
            }
        }
        return LocalFeatures(width: image.width, height: image.height, features: found)
    }
}

extension GreyImage {
    /// Resampled to `width × height` by bilinear interpolation (pixel centres aligned).
    func bilinear(width: Int, height: Int) -> GreyImage {
        var out = [Float](repeating: 0, count: width * height)
        let (sx, sy) = (Float(self.width) / Float(width), Float(self.height) / Float(height))
        // Each column's two source columns and weight, found once for all rows.
        var columns = [(x0: Int, x1: Int, wx: Float)]()
        columns.reserveCapacity(width)
        for x in 0..<width {
            let fx = min(max((Float(x) + 0.5) * sx - 0.5, 0), Float(self.width - 1))
            let x0 = Int(fx)
            columns.append((x0, min(x0 + 1, self.width - 1), fx - Float(x0)))
        }
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { out in
                columns.withUnsafeBufferPointer { columns in
                    for y in 0..<height {
                        let fy = min(max((Float(y) + 0.5) * sy - 0.5, 0), Float(self.height - 1))
                        let y0 = Int(fy), y1 = min(y0 + 1, self.height - 1), wy = fy - Float(y0)
                        let (upper, lower) = (y0 * self.width, y1 * self.width)
                        for x in 0..<width {
                            let (x0, x1, wx) = columns[x]
                            let top = v[upper + x0] * (1 - wx) + v[upper + x1] * wx
                            let bottom = v[lower + x0] * (1 - wx) + v[lower + x1] * wx
                            out[y * width + x] = top * (1 - wy) + bottom * wy
                        }
                    }
                }
            }
        }
        return GreyImage(width: width, height: height, values: out)
    }
}
