import LikenessEngine
import LikenessMatching
import Testing

@Suite struct DuplicateTierTests {
    func match(inliers: Int, matches: Int, overlap: (Float, Float)) -> GeometricMatch {
        GeometricMatch(matches: matches, inliers: inliers, scale: 1, rotation: 0, overlap: overlap)
    }

    @Test("identical content first, then a close pHash, then a contained geometry make copies; an object in a scene, a panorama neighbour or a loose geometry is the same scene")
    func tiers() {
        func tier(_ same: Bool = false, hash: Int? = nil, _ found: GeometricMatch? = nil) -> DuplicateTier {
            DuplicateTier.of(sameContent: same, hashDistance: hash, match: found, hashRadius: 6, minimumInliers: 8)
        }
        let objectInScene = match(inliers: 11, matches: 14, overlap: (1.0, 0.10))
        #expect(tier(true, hash: 30, objectInScene) == .identical)
        #expect(tier(hash: 6, objectInScene) == .samePicture, "the pHash within the radius decides first")
        #expect(tier(hash: 7, objectInScene) == .sameScene)
        #expect(tier(hash: 20, match(inliers: 40, matches: 50, overlap: (1.0, 0.36))) == .samePicture, "a 60 % crop")
        #expect(tier(hash: 20, match(inliers: 19, matches: 29, overlap: (0.73, 0.51))) == .sameScene, "a panorama neighbour")
        #expect(tier(hash: 20, match(inliers: 16, matches: 34, overlap: (0.94, 0.70))) == .sameScene, "another viewpoint: few matches agree")
        #expect(tier(hash: 20, match(inliers: 5, matches: 40, overlap: (0.2, 0.1))) == .samePicture, "too few corners to tell: the cosine stands")
        #expect(tier(hash: nil, nil) == .samePicture, "no second signal (a thumbnail): the cosine stands")
        #expect(DuplicateTier.of(sameContent: false, hashDistance: 20, match: objectInScene, hashRadius: 6, minimumInliers: 0) == .samePicture,
                "local features turned off: nothing can tell a scene")
        #expect(DuplicateTier.identical < .samePicture && DuplicateTier.samePicture < .sameScene)
    }
}
