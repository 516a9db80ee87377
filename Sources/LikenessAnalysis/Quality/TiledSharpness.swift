import LikenessCore

/// Sharpness that tolerates a soft background: the Laplacian variance of the sharpest half of a
/// grid of tiles, and the same relative to those tiles' contrast.
///
/// A portrait with a blurred background is as sharp as its subject, so only the sharpest half of
/// the tiles counts. The relative form divides the Laplacian's standard deviation by the grey-level
/// standard deviation of the same tiles, so a contrast or exposure change (which scales both) does
/// not read as a change of sharpness, while blur (which lowers the first much more) does.
public enum TiledSharpness {
    /// - Returns: `variance`, the mean Laplacian variance of the sharpest half of the tiles (the
    ///   unit of ``Sharpness/laplacianVariance(_:)``); `relative`, the square root of that less what
    ///   the image's noise contributes (white noise of sigma s adds 20 s² to the 4-neighbour
    ///   Laplacian's variance), over the grey standard deviation of those tiles (at least one grey
    ///   level, so flat images give 0, not NaN). Noise does not read as sharpness.
    public static func measure(_ tiles: TileStatistics) -> (variance: Double, relative: Double) {
        let order = tiles.sharpestFirst
        let half = Array(order.prefix(max(1, order.count / 2)))
        let laplacian = half.reduce(0) { $0 + tiles.laplacianVariance[$1] } / Double(half.count)
        let grey = half.reduce(0) { $0 + tiles.greyVariance[$1] } / Double(half.count)
        let noise = NoiseEstimate.sigma(tiles)
        return (laplacian, max(0, laplacian - 20 * noise * noise).squareRoot() / max(grey.squareRoot(), 1))
    }

    public static func measure(_ image: GreyImage, grid: Int = 8) -> (variance: Double, relative: Double) {
        measure(TileStatistics(image, grid: grid))
    }
}
