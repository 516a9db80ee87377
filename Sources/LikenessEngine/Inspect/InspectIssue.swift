/// A dataset-health problem `inspect` flags. Each is found by a stated rule
/// (``InspectFinding/rule``): a fixed threshold on a quality score, a range relative to the set,
/// or a neighbour in the embedding space.
public enum InspectIssue: String, Sendable, Codable, CaseIterable {
    /// Mean luma below ``InspectOptions/darkBelow``.
    case dark
    /// Mean luma above ``InspectOptions/brightAbove``.
    case bright
    /// Relative sharpness below ``InspectOptions/blurryBelow``.
    case blurry
    /// Luma entropy below ``InspectOptions/lowInformationBelow`` bits: nearly blank or flat.
    case lowInformation = "low-information"
    /// A grey image (colourfulness below ``InspectOptions/greyscaleBelow``) in a set that is mostly colour.
    case greyscale
    /// An aspect ratio outside the set's robust range.
    case oddAspectRatio = "odd-aspect-ratio"
    /// A pixel count outside the set's robust range.
    case oddSize = "odd-size"
    /// Far from every other image: the distance to its k-th nearest neighbour is above a percentile of the set's.
    case outlier
    /// Byte-identical to another image of the set.
    case exactDuplicate = "exact-duplicate"
    /// Another image of the set (not byte-identical) is at least ``InspectOptions/nearDuplicateCosine`` alike.
    case nearDuplicate = "near-duplicate"

    /// What ``InspectFlag/value`` measures for this issue.
    public var measure: String {
        switch self {
        case .dark, .bright: "mean luma (0–255)"
        case .blurry: "relative sharpness"
        case .lowInformation: "luma entropy (bits)"
        case .greyscale: "colourfulness"
        case .oddAspectRatio: "aspect ratio (width / height)"
        case .oddSize: "megapixels"
        case .outlier: "cosine distance to the k-th nearest neighbour"
        case .exactDuplicate: "copies with the same bytes"
        case .nearDuplicate: "cosine similarity to the nearest other image"
        }
    }
}
