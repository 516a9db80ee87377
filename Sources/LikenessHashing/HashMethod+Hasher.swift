import LikenessCore

extension HashMethod {
    /// The hasher for this method with its default parameters.
    public func makeHasher() -> any ImageHasher {
        // Defaults are valid by construction, so these initialisers cannot throw here.
        switch self {
        case .aHash: try! AverageHash()
        case .dHash: try! DifferenceHash()
        case .pHash: try! PerceptualHash()
        case .wHash: try! WaveletHash()
        case .blockMean: BlockMeanHash(overlapping: false)
        case .blockMeanOverlap: BlockMeanHash(overlapping: true)
        }
    }
}

extension FeatureMethod {
    /// The hasher for this method with its default parameters.
    public func makeHasher() -> any FeatureHasher {
        switch self {
        case .radialVariance: try! RadialVarianceHash()
        case .colorMoments: ColorMomentHash()
        }
    }
}
