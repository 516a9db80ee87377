import Foundation
import LikenessCore

/// The tonal facts of an image: mean grey level, contrast, clipped shadows and highlights, entropy,
/// and gaps in the histograms (the comb a contrast stretch or brightening leaves behind).
public struct ToneStatistics: Sendable, Hashable {
    /// Mean luma (BT.601), 0–255.
    public var meanLuminance: Double
    /// Standard deviation of luma (RMS contrast), in grey levels.
    public var contrast: Double
    /// Share of pixels whose three channels are all at most 2: blacks with no detail left.
    public var shadowClipping: Double
    /// Share of pixels with a channel at 253 or more: highlights (or saturated colours) cut off.
    public var highlightClipping: Double
    /// Shannon entropy of the luma histogram, in bits (at most 8).
    public var entropy: Double
    /// Share of the pixels missing from histogram bins that are emptier than their neighbours, per
    /// colour channel, averaged, above what counting noise explains: about 0 for a camera's
    /// histogram, up to a third for a ×1.5 stretch (every third level empty).
    public var toneGaps: Double
    /// Share of the pixels piled on isolated histogram spikes between the clip levels (a peak
    /// holding more than three times its neighbours three and four levels away), in the channel
    /// with most: where a clipped area went when a clipped image was darkened or flattened.
    public var toneSpikes: Double

    /// Level at which a channel counts as clipped dark (all channels) or bright (any channel).
    public static let shadowLevel: UInt8 = 2
    public static let highlightLevel: UInt8 = 253

    public init(_ pixels: PixelBuffer) {
        var luma = [Int](repeating: 0, count: 256)
        var channels = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 3)
        var shadows = 0, highlights = 0
        // Red, green, blue and luma histograms side by side, counted through one pointer.
        var counts = [Int](repeating: 0, count: 4 * 256)
        counts.withUnsafeMutableBufferPointer { counts in
            pixels.bytes.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let (cr, cg, cb) = (p[i], p[i + 1], p[i + 2])
                    counts[Int(cr)] += 1; counts[256 + Int(cg)] += 1; counts[512 + Int(cb)] += 1
                    // BT.601 luma in fixed point, rounded.
                    counts[768 + (299 * Int(cr) + 587 * Int(cg) + 114 * Int(cb) + 500) / 1000] += 1
                    let top = max(cr, cg, cb)
                    if top <= Self.shadowLevel { shadows += 1 }
                    if top >= Self.highlightLevel { highlights += 1 }
                    i += 3
                }
            }
        }
        channels = (0..<3).map { Array(counts[($0 * 256)..<($0 * 256 + 256)]) }
        luma = Array(counts[768...])
        let n = Double(pixels.width * pixels.height)
        var sum = 0.0, squares = 0.0, entropy = 0.0
        for (level, count) in luma.enumerated() where count > 0 {
            let c = Double(count)
            sum += c * Double(level)
            squares += c * Double(level) * Double(level)
            entropy -= c / n * Foundation.log2(c / n)
        }
        meanLuminance = sum / n
        contrast = max(0, squares / n - meanLuminance * meanLuminance).squareRoot()
        shadowClipping = Double(shadows) / n
        highlightClipping = Double(highlights) / n
        self.entropy = entropy
        toneGaps = channels.map(Self.gaps).reduce(0, +) / 3
        toneSpikes = channels.map(Self.spikes).max()!
    }

    /// Depleted share of one histogram between its 0.5th and 99.5th percentiles: for each level
    /// lower than both its neighbours, how far it falls short of the lower one, less what counting
    /// noise alone gives (about 0.4 √(1.5 n) per bin of n). Only valleys between populated
    /// neighbours count, so the empty levels between the few peaks of a drawing add nothing.
    static func gaps(_ histogram: [Int]) -> Double {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        var low = 0, high = 255, seen = 0
        while low < 255, seen + histogram[low] < total / 200 { seen += histogram[low]; low += 1 }
        seen = 0
        while high > 0, seen + histogram[high] < total / 200 { seen += histogram[high]; high -= 1 }
        guard high - low >= 4 else { return 0 }
        var missing = 0.0, expected = 0.0, inside = 0.0
        for level in (low + 1)..<high {
            let h = Double(histogram[level])
            let floor = Double(min(histogram[level - 1], histogram[level + 1]))
            missing += max(0, floor - h)
            expected += 0.4 * (1.5 * floor).squareRoot()
            inside += h
        }
        return inside > 0 ? min(1, max(0, missing - expected) / inside) : 0
    }

    /// Excess share of one histogram in spikes on levels 7–248: at each local peak higher than
    /// three times the mean of the levels 3 and 4 away on each side, the three levels around it
    /// above three times that mean (JPEG spreads a spike over a level or two).
    static func spikes(_ histogram: [Int]) -> Double {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        var excess = 0.0
        var level = 7
        while level <= 248 {
            let h = histogram[level]
            let ring = Double(histogram[level - 4] + histogram[level - 3] + histogram[level + 3] + histogram[level + 4]) / 4
            if h >= histogram[level - 1], h >= histogram[level + 1], Double(h) > 3 * ring {
                excess += max(0, Double(histogram[level - 1] + h + histogram[level + 1]) - 3 * ring)
                level += 3
            } else {
                level += 1
            }
        }
        return excess / Double(total)
    }
}
