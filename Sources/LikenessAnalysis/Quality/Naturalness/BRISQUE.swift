import LikenessCore

/// BRISQUE's 36 natural-scene statistics of an image (Mittal, Moorthy, Bovik, "No-reference image
/// quality assessment in the spatial domain", IEEE TIP 2012), computed as the `brisque` 0.2.0
/// package computes them, so its trained model (``BRISQUEModel``) scores them.
///
/// Natural photographs have mean-subtracted, contrast-normalised (MSCN) luminance close to a unit
/// Gaussian with regular correlations between neighbours; blur, noise and compression each bend
/// those statistics their own way. Per scale (the image, then the image halved):
///
/// 1. grey = 0.2125 R + 0.7154 G + 0.0721 B over 255 (scikit-image's `rgb2gray`, Rec. 709 weights,
///    not the BT.601 luma of ``GreyImage``);
/// 2. MSCN = (I − μ) / (σ + 1/255), μ and σ² local moments under a 7 × 7 Gaussian window of
///    σ = 7/6, the image padded with zeros (``Plane/mscn()``);
/// 3. an AGGD fit (``AsymmetricGeneralizedGaussian``) of the MSCN values, giving the shape α and
///    the mean of σ²_left and σ²_right (2 features), and of the products of each MSCN value with its
///    right, lower, lower-right and upper-right neighbour, giving α, mean, σ²_left, σ²_right each
///    (16 features).
///
/// The second scale is the grey image halved by bicubic interpolation (``Plane/halved()``).
public enum BRISQUE {
    /// Features per image: 18 per scale, two scales.
    public static let featureCount = 36
    /// Images narrower or lower than this give no features (the halved scale would be too small to fit).
    public static let minimumSide = 16

    /// The 36 features of `pixels`; nil when the image is smaller than ``minimumSide`` or too flat
    /// for a fit (a side of a distribution is empty).
    public static func features(_ pixels: PixelBuffer) -> [Double]? {
        guard pixels.width >= minimumSide, pixels.height >= minimumSide else { return nil }
        let grey = Plane(grey: pixels)
        guard let full = scaleFeatures(grey), let half = scaleFeatures(grey.halved()) else { return nil }
        return full + half
    }

    /// The 18 features of one scale.
    static func scaleFeatures(_ plane: Plane) -> [Double]? {
        let mscn = plane.mscn()
        let (w, h) = (mscn.width, mscn.height)
        var centre = AsymmetricGeneralizedGaussian.Moments()
        var horizontal = centre, vertical = centre, mainDiagonal = centre, secondaryDiagonal = centre
        // Each statistic visits its pixels in row order, a row at a time, so every sum adds the
        // same values in the same order as a pixel-by-pixel walk.
        mscn.values.withUnsafeBufferPointer { values in
            let m = values.baseAddress!
            centre.add(m, count: w * h)
            for y in 0..<h {
                let row = m + y * w
                horizontal.add(row, times: row + 1, count: w - 1)
                if y + 1 < h {
                    vertical.add(row, times: row + w, count: w)
                    mainDiagonal.add(row, times: row + w + 1, count: w - 1)
                }
                // The upper-right neighbour: the reference's m[1:, :-1] · m[:-1, 1:].
                if y > 0 { secondaryDiagonal.add(row, times: row - w + 1, count: w - 1) }
            }
        }
        guard let c = AsymmetricGeneralizedGaussian.fit(centre) else { return nil }
        var features = [c.shape, (c.leftVariance + c.rightVariance) / 2]
        for moments in [horizontal, vertical, mainDiagonal, secondaryDiagonal] {
            guard let p = AsymmetricGeneralizedGaussian.fit(moments) else { return nil }
            features += [p.shape, p.mean, p.leftVariance, p.rightVariance]
        }
        return features
    }
}
