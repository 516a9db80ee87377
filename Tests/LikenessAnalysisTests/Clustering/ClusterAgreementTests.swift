import LikenessAnalysis
import Testing

@Suite struct ClusterAgreementTests {
    /// Values scikit-learn 1.7 prints for the same labellings (its documentation's examples).
    @Test func adjustedRandIndexMatchesScikitLearn() {
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 0.5714285714285714) < 1e-12)
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) - -0.5) < 1e-12)
        // Noise (-1) is one more label.
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 0, 1, 1, 1, -1, -1], [1, 1, 1, 0, 0, -1, -1, 0]) - 0.42857142857142855) < 1e-12)
    }

    @Test func renamingDoesNotMatter() {
        let a = [0, 0, 1, 1, 2, 2, 2], b = [7, 7, 3, 3, 9, 9, 9]
        #expect(ClusterAgreement.adjustedRandIndex(a, b) == 1)
        #expect(abs(ClusterAgreement.normalizedMutualInformation(a, b) - 1) < 1e-12)
    }

    /// NMI of [0,0,1,1] and [0,0,1,2] by hand: I = ln 2, H(a) = ln 2, H(b) = 1.5 ln 2, so I / mean(H) = 0.8.
    @Test func normalizedMutualInformationByHand() {
        #expect(abs(ClusterAgreement.normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2]) - 0.8) < 1e-12)
        #expect(abs(ClusterAgreement.normalizedMutualInformation([0, 0, 0, 1, 1, 1, -1, -1], [1, 1, 1, 0, 0, -1, -1, 0]) - 0.6193113011326309) < 1e-12)
    }

    @Test func degenerateLabellings() {
        // One cluster on both sides: identical partitions.
        #expect(ClusterAgreement.normalizedMutualInformation([0, 0, 0], [1, 1, 1]) == 1)
        #expect(ClusterAgreement.adjustedRandIndex([0, 0, 0], [1, 1, 1]) == 1)
        // All in one against each alone: no information shared.
        #expect(ClusterAgreement.normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
        #expect(ClusterAgreement.adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
    }
}
