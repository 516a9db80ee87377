/// The rules `inspect` applies, with their thresholds. Every default is stated in the README.
///
/// The fixed thresholds are those of `likeness quality`'s issues (``QualityIssue``): an image
/// `inspect` calls dark, `quality` calls dark too. The relative rules compare an image with the
/// set it is in, so the same image can be ordinary in one folder and odd in another.
public struct InspectOptions: Sendable, Codable, Equatable {
    /// The neighbour whose distance is an image's outlier score: the k-th nearest. Default 5.
    public var k: Int
    /// An image is an outlier when its k-th neighbour distance is above this percentile of the
    /// set's (0–100, exclusive). Default 95.
    public var outlierPercentile: Double
    /// Tukey's fence factor for aspect ratios and sizes: odd outside
    /// [Q1 − f·IQR, Q3 + f·IQR] of the logarithms. Default 1.5.
    public var fence: Double
    /// An aspect ratio is odd only when it is also at least this factor from the set's median
    /// (wider or taller). Default 2.
    public var aspectFactor: Double
    /// A pixel count is odd only when it is also at least this factor from the set's median
    /// (larger or smaller). Default 4.
    public var sizeFactor: Double
    /// Grey images are flagged only when more than this share of the set is in colour. Default 0.5.
    public var colourShare: Double
    /// Mean luma (0–255) below which an image is dark. Default 50.
    public var darkBelow: Double
    /// Mean luma above which an image is bright. Default 205.
    public var brightAbove: Double
    /// Relative sharpness below which an image is blurry. Default 0.25.
    public var blurryBelow: Double
    /// Luma entropy (bits) below which an image has little information. Default 4.
    public var lowInformationBelow: Double
    /// Colourfulness (Hasler–Süsstrunk) below which an image is grey. Default 3.
    public var greyscaleBelow: Double
    /// Cosine at or above which two images are near-duplicates: `dupes`' level for accepting a
    /// pair on its embedding alone (``DuplicateConfiguration/acceptCosine``). Default 0.95.
    public var nearDuplicateCosine: Float

    public init(k: Int = 5, outlierPercentile: Double = 95, fence: Double = 1.5, aspectFactor: Double = 2, sizeFactor: Double = 4,
                colourShare: Double = 0.5, darkBelow: Double = 50, brightAbove: Double = 205, blurryBelow: Double = 0.25,
                lowInformationBelow: Double = 4, greyscaleBelow: Double = 3,
                nearDuplicateCosine: Float = DuplicateConfiguration().acceptCosine) {
        self.k = k
        self.outlierPercentile = outlierPercentile
        self.fence = fence
        self.aspectFactor = aspectFactor
        self.sizeFactor = sizeFactor
        self.colourShare = colourShare
        self.darkBelow = darkBelow
        self.brightAbove = brightAbove
        self.blurryBelow = blurryBelow
        self.lowInformationBelow = lowInformationBelow
        self.greyscaleBelow = greyscaleBelow
        self.nearDuplicateCosine = nearDuplicateCosine
    }

    /// Throws ``JobError/invalidInput(_:)`` for a setting that cannot be meant.
    func validate() throws(JobError) {
        if k < 1 { throw .invalidInput("--k must be 1 or more (got \(k))") }
        if !(outlierPercentile > 0 && outlierPercentile < 100) {
            throw .invalidInput("--outlier-percentile must lie between 0 and 100, exclusive (got \(outlierPercentile))")
        }
        if !(fence >= 0) || !(aspectFactor >= 1) || !(sizeFactor >= 1) {
            throw .invalidInput("the fence must be 0 or more and the aspect and size factors 1 or more")
        }
        if !(0..<1).contains(colourShare) { throw .invalidInput("the colour share must lie in [0, 1) (got \(colourShare))") }
        if !(darkBelow < brightAbove) { throw .invalidInput("--dark-below (\(darkBelow)) must lie below --bright-above (\(brightAbove))") }
        if !(blurryBelow >= 0) || !(0...8).contains(lowInformationBelow) || !(greyscaleBelow >= 0) {
            throw .invalidInput("--blurry-below and --greyscale-below must be 0 or more, --low-information-below between 0 and 8 bits")
        }
        if !(nearDuplicateCosine > -1 && nearDuplicateCosine <= 1) {
            throw .invalidInput("--near-duplicate-cosine must lie in (-1, 1] (got \(nearDuplicateCosine))")
        }
    }
}
