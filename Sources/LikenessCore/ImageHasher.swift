/// The perceptual hash methods Likeness offers. Raw values are the names used on the command line,
/// in JSON and in the catalog.
public enum HashMethod: String, Sendable, Codable, CaseIterable {
    case aHash = "ahash"
    case dHash = "dhash"
    case pHash = "phash"
    case wHash = "whash"
    case blockMean = "blockmean"
    case blockMeanOverlap = "blockmean-overlap"

    /// Parses a command-line name; the error lists the valid ones.
    public init(parsing text: String) throws(UnknownNameError) {
        guard let method = HashMethod(rawValue: text.lowercased()) else {
            throw UnknownNameError(kind: "hash method", given: text, valid: Self.allCases.map(\.rawValue))
        }
        self = method
    }

    /// The largest Hamming distance called a duplicate by default: the F1-max threshold of the
    /// robustness benchmark on the developers' 45 photos (docs/benchmarks.md, run of 2026-11-24),
    /// so it is measured, not guessed. It balances the edits a hash survives against different
    /// photos of one scene; pass a threshold of your own when your data differs.
    public var defaultRadius: Int {
        switch self {
        case .aHash: 11
        case .dHash: 14
        case .pHash: 18
        case .wHash: 13
        case .blockMean: 59
        case .blockMeanOverlap: 216
        }
    }
}

/// A name given on the command line or in a file that is not one of the valid names.
public struct UnknownNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var given: String
    public var valid: [String]

    public init(kind: String, given: String, valid: [String]) {
        self.kind = kind
        self.given = given
        self.valid = valid
    }

    public var description: String {
        "unknown \(kind) '\(given)'; valid: \(valid.joined(separator: ", "))"
    }
}

/// Turns pixels into a bit hash. Each hasher asks for its input at a fixed size, so the decoder can
/// shrink on load, and hashes that size's pixels only.
public protocol ImageHasher: Sendable {
    /// Which method this is.
    var method: HashMethod { get }
    /// The pixel size the input must be decoded (squashed) to.
    var inputSize: (width: Int, height: Int) { get }
    /// True when the hash reads colour; false when it reads only luma (``GreyImage``), which lets
    /// the decoder skip colour.
    var readsColour: Bool { get }
    /// Number of bits in every hash this hasher makes.
    var bitCount: Int { get }
    /// The hash of pixels already at `inputSize`.
    func hash(_ pixels: PixelBuffer) -> BitHash
}
