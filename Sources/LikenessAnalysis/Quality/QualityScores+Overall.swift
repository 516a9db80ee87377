import Foundation

extension QualityScores {
    /// The overall score: higher is better, in points (one point is, for example, halving the
    /// relative sharpness, or 1/20 of the picture clipped); only differences mean something.
    ///
    /// Each term rewards what a degradation takes away (see ``terms``). The weights were chosen on
    /// the degradation benchmark (`likeness bench quality`, docs/benchmarks.md), where an original
    /// must outscore its blurred, recompressed, re-exposed, re-contrasted, noisy or cropped copies.
    public var overall: Double { terms.reduce(0) { $0 + $1.points } }

    /// The overall score's terms by name, for reports.
    public var terms: [(name: String, points: Double)] {
        let q = Double(effectiveJPEGQuality ?? 100)
        return [
            ("sharpness", 2 * log2(relativeSharpness + 0.01)),
            // Noise against the picture's contrast, so a tone change (which scales both) does not move it.
            ("noise", -10 * max(0, log2(noise / (contrast + 1) / 0.03))),
            ("contrast", 0.75 * log2(contrast + 1)),
            ("exposure", -2 * pow((meanLuminance - 118) / 118, 2)),
            ("clipping", -5 * (shadowClipping + highlightClipping)),
            ("tone spikes", -10 * toneSpikes),
            ("tone gaps", -40 * toneGaps),
            ("colour", 0.4 * log2(1 + colourfulness / 10)),
            ("solid areas", -10 * solidArea),
            ("compression", -(100 - q) / 15 - (reencodedJPEGQuality != nil ? 0.5 : 0)),
            ("palette", isPaletteReduced ? -3 : 0),
            ("resolution", 3 * log2(max(megapixels, 0.001))),
        ]
    }

    /// What is wrong with the image, by the thresholds of ``QualityIssue``.
    public var issues: [QualityIssue] {
        QualityIssue.allCases.filter { $0.applies(to: self) }
    }
}
