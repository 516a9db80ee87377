import LikenessCore
/// Sharpness of a grey image: the variance of its 4-neighbour Laplacian (higher is sharper).
///
/// Reference: Pech-Pacheco et al., "Diatom autofocusing in brightfield microscopy" (2000); the usual
/// "variance of Laplacian" blur measure.
public enum Sharpness {
    public static func laplacianVariance(_ image: GreyImage) -> Double {
        let (w, h) = (image.width, image.height)
        guard w >= 3, h >= 3 else { return 0 }
        var sum = 0.0, squares = 0.0
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) {
                let v = Double(image[x - 1, y] + image[x + 1, y] + image[x, y - 1] + image[x, y + 1] - 4 * image[x, y])
                sum += v
                squares += v * v
            }
        }
        let n = Double((w - 2) * (h - 2))
        return squares / n - (sum / n) * (sum / n)
    }
}
