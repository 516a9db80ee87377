/// A named quality problem with a stated threshold, as `likeness quality` lists them.
public enum QualityIssue: String, Sendable, Codable, CaseIterable {
    /// Relative sharpness below 0.25 (its sharpest tiles' Laplacian is weak for their contrast).
    case blurry
    /// Motion blur: directional blur (``QualityScores/motionBlur``) above 0.3 with relative
    /// sharpness below 0.5 (detail was lost, and lost along one direction).
    case motionBlur = "motion-blur"
    /// Noise sigma above 6 grey levels in the image's quietest tiles.
    case noisy
    /// Mean luma below 50.
    case dark
    /// Mean luma above 205.
    case bright
    /// More than 5 % of the pixels clipped black or at a channel's ceiling.
    case clipped
    /// RMS contrast below 20 grey levels.
    case lowContrast = "low-contrast"
    /// Luma entropy below 4 bits: little information (a nearly blank or flat image).
    case lowInformation = "low-information"
    /// Colourfulness below 3: grey, or nearly.
    case greyscale
    /// More than 8 % of the image in solid blocks: an overlay, padding, borders or clipped areas.
    case solidAreas = "solid-areas"
    /// JPEG quality (the file's, or traced in a re-encode) below 60.
    case heavyCompression = "heavy-compression"
    /// A lossless file carrying a JPEG's quantisation lattice: bytes added, no information.
    case reencodedJPEG = "reencoded-jpeg"
    /// Colours reduced to a palette (an indexed file, or at most 256 colours).
    case palette
    /// Fewer than 0.1 megapixels.
    case small

    func applies(to s: QualityScores) -> Bool {
        switch self {
        case .blurry: s.relativeSharpness < 0.25
        case .motionBlur: s.motionBlur > 0.3 && s.relativeSharpness < 0.5
        case .noisy: s.noise > 6
        case .dark: s.meanLuminance < 50
        case .bright: s.meanLuminance > 205
        case .clipped: s.shadowClipping + s.highlightClipping > 0.05
        case .lowContrast: s.contrast < 20
        case .lowInformation: s.entropy < 4
        case .greyscale: s.colourfulness < 3
        case .solidAreas: s.solidArea > 0.08
        case .heavyCompression: (s.effectiveJPEGQuality ?? 100) < 60
        case .reencodedJPEG: s.reencodedJPEGQuality != nil
        case .palette: s.isPaletteReduced
        case .small: s.megapixels < 0.1
        }
    }
}
