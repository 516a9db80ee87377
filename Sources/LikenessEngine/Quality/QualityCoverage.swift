import LikenessImaging

/// Which quality measures a job asks for.
enum QualityCoverage: Sendable, Equatable {
    /// Every measure, with BRISQUE's naturalness where setup installed its model (`likeness quality`).
    case full
    /// Every measure but naturalness, which the keeper's overall score does not read (`dupes`).
    /// Rows stored by a full measurement hold these too, so they are read back as well.
    case withoutNaturalness

    /// A measurer for this coverage.
    func measurer() throws(ImagingError) -> QualityMeasurer {
        switch self {
        case .full: try QualityMeasurer()
        case .withoutNaturalness: try QualityMeasurer(naturalness: .failure(.notNeeded))
        }
    }
}
