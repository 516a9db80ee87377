import LikenessCore

/// The noise level of an image in grey levels: Immerkær's fast estimate (1996), taken in the
/// quietest tiles so texture does not read as noise.
///
/// The filter (a difference of two Laplacians) cancels smooth gradients and edges only in part, so
/// busy tiles overstate the noise; the 25th percentile of the tiles' estimates reads the noise where
/// the picture itself is quiet.
public enum NoiseEstimate {
    /// Sigma of the noise, in grey levels.
    public static func sigma(_ tiles: TileStatistics) -> Double {
        let sorted = tiles.noise.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[(sorted.count - 1) / 4]
    }

    public static func sigma(_ image: GreyImage, grid: Int = 8) -> Double { sigma(TileStatistics(image, grid: grid)) }
}
