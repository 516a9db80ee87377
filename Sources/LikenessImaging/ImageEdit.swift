/// A known edit, as the robustness benchmark applies it to a photo.
public enum ImageEdit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Content moved right and down by this fraction of each side; the gap is filled by mirroring.
    case shift(fraction: Double)
    /// The centre part keeping this fraction of each side.
    case crop(fraction: Double)
    /// Turned counter-clockwise by this many degrees about the centre, same canvas, black corners.
    case rotate(degrees: Double)
    /// Turned by quarter turns clockwise (1 = 90°), canvas swapped.
    case quarterTurn(Int)
    /// Mirrored left to right.
    case flip
    /// Scaled to this fraction of each side.
    case resize(fraction: Double)
    /// Re-encoded as JPEG at this quality (1–100).
    case jpeg(quality: Int)
    /// Gaussian blur, sigma in pixels of a 1024-pixel-wide image (scaled with the image).
    case blur(sigma: Double)
    /// Brightness multiplied by 2^ev, clipped.
    case exposure(ev: Double)
    /// Converted to grey (kept as three equal channels).
    case greyscale
    /// Contrast stretched around mid-grey by this factor, clipped.
    case contrast(factor: Double)
    /// A solid banner over the bottom 15 % of the image, standing in for a caption or watermark.
    case overlay
    /// Several edits applied in order.
    case combination([ImageEdit])

    /// A short stable name, used in tables and JSON.
    public var description: String {
        switch self {
        case .shift(let f): "shift \(Self.percent(f))"
        case .crop(let f): "crop \(Self.percent(f))"
        case .rotate(let d): "rotate \(d > 0 ? "+" : "")\(Self.number(d))°"
        case .quarterTurn(let q): "rotate \(q * 90)° (quarter turn)"
        case .flip: "flip"
        case .resize(let f): "resize \(Self.percent(f))"
        case .jpeg(let q): "jpeg q\(q)"
        case .blur(let s): "blur σ\(Self.number(s))"
        case .exposure(let ev): "exposure \(ev > 0 ? "+" : "")\(Self.number(ev)) EV"
        case .greyscale: "greyscale"
        case .contrast(let f): "contrast ×\(Self.number(f))"
        case .overlay: "overlay banner"
        case .combination(let edits): edits.map(\.description).joined(separator: " + ")
        }
    }

    /// The fixed edit set of `likeness bench robustness`.
    public static let standardSet: [ImageEdit] = [
        .shift(fraction: 0.02), .shift(fraction: 0.05), .shift(fraction: 0.10),
        .crop(fraction: 0.90), .crop(fraction: 0.75), .crop(fraction: 0.60),
        .rotate(degrees: 3), .rotate(degrees: -3), .rotate(degrees: 10), .rotate(degrees: -10), .quarterTurn(1),
        .flip,
        .resize(fraction: 0.5), .resize(fraction: 0.25),
        .jpeg(quality: 30), .jpeg(quality: 10),
        .blur(sigma: 1.5), .blur(sigma: 4),
        .exposure(ev: 1), .exposure(ev: -1),
        .greyscale, .contrast(factor: 1.5), .overlay,
        .combination([.crop(fraction: 0.9), .exposure(ev: 0.5), .jpeg(quality: 50)]),
    ]

    private static func percent(_ f: Double) -> String { "\(Int((f * 100).rounded()))%" }
    private static func number(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}
