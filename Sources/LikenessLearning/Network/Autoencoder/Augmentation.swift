import LikenessCore

/// A random edit of a training image, drawn from a ``SeededRandom``: the views of one image that a
/// contrastive objective treats as the same. Applied to float pixels (channels × side × side, in [0, 1]).
public enum Augmentation: String, Sendable, Codable, CaseIterable {
    /// A random square of 60–100 % of the side, scaled back to the whole image (bilinear).
    case crop
    /// A left–right mirror, half the time.
    case flip
    /// A turn by 0, 90, 180 or 270 degrees.
    case turn
    /// Brightness shifted by up to ±0.2 and contrast scaled by 0.7–1.3 about the image's mean.
    case jitter
    /// A [1 2 1]/4 blur across and down (a 3 × 3 Gaussian), half the time.
    case blur

    /// Applies `augmentations` in the order of ``allCases`` to one image of `channels` planes of `side × side`.
    public static func apply(_ augmentations: Set<Augmentation>, to image: [Float], channels: Int, side: Int,
                             random: inout SeededRandom) -> [Float] {
        var out = image
        for augmentation in allCases where augmentations.contains(augmentation) {
            out = augmentation.apply(to: out, channels: channels, side: side, random: &random)
        }
        return out
    }

    /// This edit of one image.
    func apply(to image: [Float], channels: Int, side: Int, random: inout SeededRandom) -> [Float] {
        let plane = side * side
        switch self {
        case .crop:
            let cut = Double(side) * (0.6 + 0.4 * random.nextUnit())
            let left = random.nextUnit() * (Double(side) - cut), top = random.nextUnit() * (Double(side) - cut)
            let scale = cut / Double(side)
            return remap(image, channels: channels, side: side) { x, y in (left + (Double(x) + 0.5) * scale - 0.5, top + (Double(y) + 0.5) * scale - 0.5) }
        case .flip:
            guard random.nextUnit() < 0.5 else { return image }
            return pick(image, channels: channels, side: side) { x, y in y * side + (side - 1 - x) }
        case .turn:
            switch random.below(4) {
            case 1: return pick(image, channels: channels, side: side) { x, y in (side - 1 - x) * side + y }
            case 2: return pick(image, channels: channels, side: side) { x, y in (side - 1 - y) * side + (side - 1 - x) }
            case 3: return pick(image, channels: channels, side: side) { x, y in x * side + (side - 1 - y) }
            default: return image
            }
        case .jitter:
            let shift = Float(random.nextUnit() * 0.4 - 0.2), contrast = Float(0.7 + random.nextUnit() * 0.6)
            let mean = image.reduce(0, +) / Float(max(1, image.count))
            return image.map { min(1, max(0, (($0 - mean) * contrast + mean) + shift)) }
        case .blur:
            guard random.nextUnit() < 0.5 else { return image }
            var out = image
            for c in 0..<channels {
                let base = c * plane
                var across = [Float](repeating: 0, count: plane)
                for y in 0..<side {
                    for x in 0..<side {
                        let l = image[base + y * side + max(0, x - 1)], r = image[base + y * side + min(side - 1, x + 1)]
                        across[y * side + x] = (l + 2 * image[base + y * side + x] + r) / 4
                    }
                }
                for y in 0..<side {
                    for x in 0..<side {
                        let u = across[max(0, y - 1) * side + x], d = across[min(side - 1, y + 1) * side + x]
                        out[base + y * side + x] = (u + 2 * across[y * side + x] + d) / 4
                    }
                }
            }
            return out
        }
    }

    /// Each output pixel (x, y) of every plane copied from the source index `source(x, y)` of that plane.
    private func pick(_ image: [Float], channels: Int, side: Int, _ source: (Int, Int) -> Int) -> [Float] {
        var out = image
        let plane = side * side
        for c in 0..<channels {
            for y in 0..<side { for x in 0..<side { out[c * plane + y * side + x] = image[c * plane + source(x, y)] } }
        }
        return out
    }

    /// Each output pixel (x, y) sampled bilinearly at the source position `position(x, y)` (edges clamped).
    private func remap(_ image: [Float], channels: Int, side: Int, _ position: (Int, Int) -> (Double, Double)) -> [Float] {
        var out = image
        let plane = side * side
        for y in 0..<side {
            for x in 0..<side {
                let (sx, sy) = position(x, y)
                let cx = min(Double(side - 1), max(0, sx)), cy = min(Double(side - 1), max(0, sy))
                let x0 = Int(cx), y0 = Int(cy), x1 = min(side - 1, x0 + 1), y1 = min(side - 1, y0 + 1)
                let fx = Float(cx - Double(x0)), fy = Float(cy - Double(y0))
                for c in 0..<channels {
                    let base = c * plane
                    let top = image[base + y0 * side + x0] * (1 - fx) + image[base + y0 * side + x1] * fx
                    let bottom = image[base + y1 * side + x0] * (1 - fx) + image[base + y1 * side + x1] * fx
                    out[c * plane + y * side + x] = top * (1 - fy) + bottom * fy
                }
            }
        }
        return out
    }
}
