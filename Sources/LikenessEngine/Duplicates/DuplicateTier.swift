import LikenessMatching

/// How alike two images joined by the duplicate rule are, which decides what a user may do with them.
///
/// A byte-identical or same-picture copy can go; another shot of the same scene (a burst, another
/// viewpoint, an object photographed inside a larger scene) is a different photo that happens to
/// show the same things, and is never moved.
public enum DuplicateTier: String, Sendable, Codable, CaseIterable, Comparable {
    /// The same bytes (same SHA-256).
    case identical
    /// One picture, edited: re-encoded, resized, cropped, turned, recoloured, with an overlay.
    case samePicture = "same-picture"
    /// The same scene in another shot.
    case sameScene = "same-scene"

    /// In words, for people.
    public var label: String {
        switch self {
        case .identical: "identical files"
        case .samePicture: "same picture"
        case .sameScene: "same scene, another shot"
        }
    }

    public static func < (a: DuplicateTier, b: DuplicateTier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A local-feature geometry shows one picture when one frame lies (almost) wholly inside the
    /// other, covers a fair part of it, and most matches agree with that geometry. Measured on
    /// `likeness bench robustness` (57 photos × 25 edits, docs/benchmarks.md): of 11,088 edited
    /// pairs joined by local features, 99 % keep at least 0.81 of the smaller frame inside the
    /// other, 99.9 % at least 0.29 of the larger, and 99 % have at least half their matches as
    /// inliers; an object inside a larger scene (box / box_in_scene) covers 0.10 of the scene, a
    /// panorama pair (leuvenA / leuvenB) at most 0.73 of either frame, and a change of viewpoint
    /// (graf1 / graf3) has 0.47 of its matches as inliers.
    public static let containment: Float = 0.8
    public static let coverage: Float = 0.25
    public static let inlierShare: Float = 0.5

    /// Whether a geometry shows the same picture (see ``containment``).
    public static func showsSamePicture(_ match: GeometricMatch) -> Bool {
        let (small, large) = (min(match.overlap.first, match.overlap.second), max(match.overlap.first, match.overlap.second))
        return large >= containment && small >= coverage && Float(match.inliers) >= inlierShare * Float(match.matches)
    }

    /// The tier of a pair the rule accepted: identical for the same content; the same picture when
    /// the pHash over turns and flips is within `hashRadius`, or the local features agree on a
    /// geometry that ``showsSamePicture(_:)``; the same scene when they agree (at least
    /// `minimumInliers`) on one that does not. When neither signal was measured or can tell (the
    /// cosine accepted the pair alone, an image too small, too few corners), the cosine's verdict
    /// stands: the same picture.
    public static func of(sameContent: Bool, hashDistance: Int?, match: GeometricMatch?, hashRadius: Int, minimumInliers: Int) -> DuplicateTier {
        if sameContent { return .identical }
        if let hashDistance, hashDistance <= hashRadius { return .samePicture }
        guard let match, minimumInliers > 0, match.inliers >= minimumInliers else { return .samePicture }
        return showsSamePicture(match) ? .samePicture : .sameScene
    }
}
