import Foundation
@testable import LikenessAnalysis
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// Each quality measure on synthetic images whose answer is known: a photo-like texture and copies
/// degraded in one known way.
@Suite struct QualityMeasureTests {
    let original = Fixtures.texture(width: 480, height: 360, seed: 11)
    let editor = try! ImageEditor()

    func scores(_ pixels: PixelBuffer) -> QualityScores {
        QualityScores(measuring: pixels, width: pixels.width, height: pixels.height, format: .png)
    }

    /// Adds seeded Gaussian noise of `sigma` grey levels to every channel.
    func noisy(_ pixels: PixelBuffer, sigma: Double, seed: UInt64 = 3) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        return PixelBuffer(width: pixels.width, height: pixels.height, bytes: pixels.bytes.map { value in
            let (u, v) = (Double.random(in: Double.ulpOfOne..<1, using: &generator), Double.random(in: 0..<1, using: &generator))
            let gaussian = (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
            return UInt8(max(0, min(255, (Double(value) + sigma * gaussian).rounded())))
        })
    }

    @Test("a blurred copy is less sharp, raw and relative; a contrast stretch raises the raw Laplacian but not the relative sharpness")
    func sharpness() throws {
        let base = scores(original)
        let blurred = scores(try editor.apply(.blur(sigma: 3), to: original))
        #expect(blurred.sharpness < base.sharpness / 2)
        #expect(blurred.relativeSharpness < base.relativeSharpness * 0.7)
        let stretched = scores(try editor.apply(.contrast(factor: 1.3), to: original))
        #expect(stretched.sharpness > base.sharpness * 1.3)
        #expect(abs(stretched.relativeSharpness - base.relativeSharpness) < 0.15 * base.relativeSharpness)
    }

    @Test("tiled sharpness reads the sharp half: a sharp subject on a blurred background scores near the all-sharp image")
    func tiledSharpnessToleratesSoftBackground() throws {
        let blurred = try editor.apply(.blur(sigma: 4), to: original)
        // Left half sharp, right half blurred.
        var bytes = blurred.bytes
        for y in 0..<original.height { for x in 0..<(original.width / 2) { for c in 0..<3 { bytes[(y * original.width + x) * 3 + c] = original.bytes[(y * original.width + x) * 3 + c] } } }
        let mixed = PixelBuffer(width: original.width, height: original.height, bytes: bytes)
        let (sharp, half, soft) = (scores(original).sharpness, scores(mixed).sharpness, scores(blurred).sharpness)
        #expect(half > 0.7 * sharp)
        #expect(half > 3 * soft)
        // The whole-image Laplacian variance drops further, as the soft half dilutes it.
        let whole = Sharpness.laplacianVariance(GreyImage(mixed)) / Sharpness.laplacianVariance(GreyImage(original))
        #expect(half / sharp > whole + 0.1, "tiled \(half / sharp), whole \(whole)")
    }

    @Test("exposure: +1 EV clips highlights, −1 EV halves the mean and the contrast; nothing clips in the original")
    func exposure() throws {
        let base = scores(original)
        #expect(base.highlightClipping + base.shadowClipping < 0.01)
        let bright = scores(try editor.apply(.exposure(ev: 1), to: original))
        #expect(bright.highlightClipping > 0.1)
        let dark = scores(try editor.apply(.exposure(ev: -1), to: original))
        #expect(abs(dark.meanLuminance - base.meanLuminance / 2) < 2)
        #expect(abs(dark.contrast - base.contrast / 2) < 2)
        #expect(dark.entropy < base.entropy - 0.7, "halving merges pairs of levels: about a bit less")
    }

    @Test("a contrast stretch leaves gaps in the histograms; the original has none")
    func toneGaps() throws {
        #expect(scores(original).toneGaps < 0.02)
        #expect(scores(try editor.apply(.contrast(factor: 1.5), to: original)).toneGaps > 0.1)
        #expect(scores(try editor.apply(.exposure(ev: 1), to: original)).toneGaps > 0.2)
    }

    @Test("noise: the estimate follows added Gaussian noise and stays low on the clean texture")
    func noise() {
        let clean = scores(original).noise
        let added = scores(noisy(original, sigma: 10)).noise
        #expect(clean < 4)
        // Independent noise of sigma 10 per channel is sigma 10 · |(0.299, 0.587, 0.114)| ≈ 6.7 in luma.
        #expect(added > 5 && added < 9, "estimated \(added) for sigma 6.7 in luma")
    }

    @Test("colourfulness: grey is 0, the texture is colourful; entropy: a flat image has none")
    func colourAndEntropy() throws {
        #expect(scores(original).colourfulness > 10)
        #expect(scores(try editor.apply(.greyscale, to: original)).colourfulness < 1)
        let flat = scores(Fixtures.solid(width: 64, height: 64, rgb: (90, 120, 30)))
        #expect(flat.entropy == 0)
        #expect(scores(original).entropy > 5)
    }

    @Test("solid areas: a banner over the bottom 15 % covers about that share of whole blocks; the texture has none")
    func solidArea() throws {
        #expect(scores(original).solidArea == 0)
        // The banner starts at row 306 of 360: two of the 22 rows of 16-pixel blocks lie wholly inside it.
        let banner = scores(try editor.apply(.overlay, to: original)).solidArea
        #expect(banner > 0.08 && banner < 0.16, "banner share \(banner)")
    }

    @Test("distinct colours: a palette PNG has at most its palette, the texture tens of thousands")
    func distinctColours() throws {
        #expect(DistinctColours.count(original) > 20_000)
        let palette = try editor.encoded(original, suffix: ".png[palette,bitdepth=4]")
        let decoded = try ImageDecoder().decode(palette, to: .fit(width: original.width, height: original.height)).pixels
        #expect(DistinctColours.count(decoded) <= 16)
    }

    @Test("JPEG trace: pixels decoded from a JPEG carry its lattice, with steps near its table; the original has none")
    func jpegGhost() throws {
        #expect(JPEGGhost.find(GreyImage(original)) == nil)
        for quality in [50, 85] {
            let jpeg = try editor.encoded(original, suffix: ".jpg[Q=\(quality)]")
            let decoded = try ImageDecoder().decode(jpeg, to: .fit(width: original.width, height: original.height)).pixels
            let found = try #require(JPEGGhost.find(GreyImage(decoded)), "q\(quality)")
            let table = JPEGQuantization.scaled(JPEGQuantization.standardLuma, quality: quality)
            // Steps where only a divisor could be seen (too few large coefficients) may be off; most are the table's.
            let matching = found.steps.filter { abs(table[$0.key] - $0.value) <= 1 }.count
            #expect(found.steps.count >= 5 && matching * 2 >= found.steps.count, "q\(quality): \(found.steps) against \(table)")
        }
    }

    @Test("the lattice's cosine of turns matches cos(2πt) within 1e-8 over signed values of any size")
    func cosineOfTurns() {
        var generator = SeededRandom(seed: 7)
        var worst = 0.0
        for _ in 0..<200_000 {
            let t = (Double(generator.next() % 2_000_000) / 1_000_000 - 1) * 40 // −40 … 40 turns
            worst = max(worst, abs(JPEGGhost.cosineOfTurns(t) - cos(2 * Double.pi * t)))
        }
        for t in [0, 0.25, 0.5, -0.25, 1, 12.75] { worst = max(worst, abs(JPEGGhost.cosineOfTurns(t) - cos(2 * Double.pi * t))) }
        #expect(worst < 1e-8, "largest error \(worst)")
        // The four-lane mean agrees with the plain mean of cos, tail included.
        let values = (0..<1_003).map { _ in Double(generator.next() % 4_000_000) / 1_000 - 2_000 }
        let exact = values.map { cos(2 * Double.pi * $0 / 7) }.reduce(0, +) / Double(values.count)
        let lanes = values.withUnsafeBufferPointer { JPEGGhost.meanCosineOfTurns($0, count: values.count, scale: 1.0 / 7) }
        #expect(abs(lanes - exact) < 1e-8, "\(lanes) against \(exact)")
    }

    @Test("the JPEG trace's DCT coefficients are, to the bit, a plain per-pixel DCT of the blocks examined")
    func jpegGhostCoefficients() throws {
        // An odd size (blocks cut at the edges) and one large enough that only every other block is examined.
        for luma in [GreyImage(original), GreyImage(Fixtures.texture(width: 2003, height: 1201, seed: 12))] {
            let found = try #require(JPEGGhost.coefficients(luma))
            let (bw, bh) = (luma.width / 8, luma.height / 8)
            let stride = max(1, bw * bh / JPEGGhost.maximumBlocks)
            var expected = [[Double]](repeating: [], count: JPEGGhost.frequencies.count)
            for index in Swift.stride(from: 0, to: bw * bh, by: stride) {
                let (x0, y0) = ((index % bw) * 8, (index / bw) * 8)
                var rows = [Double](repeating: 0, count: 64)
                for y in 0..<8 {
                    for u in 0..<8 {
                        var sum = 0.0
                        for x in 0..<8 { sum += JPEGGhost.basis[u * 8 + x] * (Double(luma[x0 + x, y0 + y]) - 128) }
                        rows[y * 8 + u] = sum
                    }
                }
                for (f, position) in JPEGGhost.frequencies.enumerated() {
                    var sum = 0.0
                    for y in 0..<8 { sum += JPEGGhost.basis[position / 8 * 8 + y] * rows[y * 8 + position % 8] }
                    expected[f].append(sum)
                }
            }
            #expect(stride > 1 || luma.width < 1000)
            #expect(found == expected, "\(luma.width)×\(luma.height)")
        }
        #expect(JPEGGhost.coefficients(GreyImage(width: 60, height: 60, values: [Float](repeating: 0, count: 3600))) == nil, "under 64 blocks")
    }

    @Test("the lattice gives up steps that cannot reach the threshold, and every answer is the one measuring each step in full gives")
    func latticeGivesUpEarly() throws {
        let shifted = try editor.apply(.shift(fraction: 0.02), to: original)
        var images = [GreyImage(original)]
        for quality in [30, 50, 75, 85, 95] {
            for pixels in [original, shifted] {
                let jpeg = try editor.encoded(pixels, suffix: ".jpg[Q=\(quality)]")
                images.append(GreyImage(try ImageDecoder().decode(jpeg, to: .fit(width: pixels.width, height: pixels.height)).pixels))
            }
        }
        var answers = 0, lattices = 0
        for image in images {
            for values in try #require(JPEGGhost.coefficients(image)) {
                let early = JPEGGhost.lattice(values), full = JPEGGhost.lattice(values, floor: -.infinity)
                #expect(early?.step == full?.step && early?.strength == full?.strength && early?.lowerBound == full?.lowerBound)
                answers += 1
                if full != nil { lattices += 1 }
            }
        }
        #expect(lattices > 0 && lattices < answers, "both kinds of answer are covered: \(lattices) of \(answers)")
        // Values with no lattice are given up on; a floor they clear leaves the mean as it was, to the bit.
        var generator = SeededRandom(seed: 5)
        let values = (0..<4_000).map { _ in Double(generator.next() % 4_000_000) / 1_000 - 2_000 }
        values.withUnsafeBufferPointer { values in
            let mean = JPEGGhost.meanCosineOfTurns(values, count: values.count, scale: 1.0 / 7)
            #expect(abs(mean) < 0.1)
            #expect(JPEGGhost.meanCosineOfTurns(values, count: values.count, scale: 1.0 / 7, reaching: JPEGGhost.threshold) == -.infinity)
            #expect(JPEGGhost.meanCosineOfTurns(values, count: values.count, scale: 1.0 / 7, reaching: -0.5) == mean)
        }
    }

    @Test("the lattice's half-step order: the first atLeast[q] values are exactly those of at least half a step q")
    func halfStepOrder() {
        var generator = SeededRandom(seed: 3)
        let values = (0..<5_000).map { _ in (Double(generator.next() % 400_000) / 1_000 - 200) } + [0, 0.5, -1, 32, -32.5, 500]
        let (ordered, atLeast) = JPEGGhost.halfStepOrder(values)
        #expect(ordered.sorted() == values.sorted(), "a permutation")
        for step in 2...64 {
            let q = Double(step)
            #expect(atLeast[step] == values.filter { abs($0) >= q / 2 }.count, "step \(step)")
            #expect(ordered[0..<atLeast[step]].allSatisfy { abs($0) >= q / 2 }, "step \(step)")
        }
    }

    @Test("overall: the original outscores each degraded copy")
    func overall() throws {
        let base = scores(original).overall
        let edits: [(String, PixelBuffer)] = [
            ("blur", try editor.apply(.blur(sigma: 2), to: original)),
            ("noise", noisy(original, sigma: 10)),
            ("contrast", try editor.apply(.contrast(factor: 1.5), to: original)),
            ("low contrast", try editor.apply(.contrast(factor: 0.6), to: original)),
            ("brighter", try editor.apply(.exposure(ev: 1), to: original)),
            ("darker", try editor.apply(.exposure(ev: -1), to: original)),
            ("banner", try editor.apply(.overlay, to: original)),
            ("grey", try editor.apply(.greyscale, to: original)),
        ]
        for (name, pixels) in edits {
            let edited = scores(pixels).overall
            #expect(edited < base, "\(name): \(edited) vs original \(base)")
        }
        var heavy = scores(original)
        heavy.jpegQuality = 30
        #expect(heavy.overall < base)
        #expect(heavy.issues.contains(.heavyCompression))
    }
}
