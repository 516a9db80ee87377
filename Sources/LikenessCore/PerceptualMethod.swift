/// Any perceptual hash method: a bit hash compared by Hamming distance, or a continuous hash
/// compared by its own distance. Jobs that accept "a hash" take this, so both kinds go through the
/// same catalog, grouping and benchmark code.
public enum PerceptualMethod: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bits(HashMethod)
    case features(FeatureMethod)

    public static var allCases: [PerceptualMethod] {
        HashMethod.allCases.map(Self.bits) + FeatureMethod.allCases.map(Self.features)
    }

    /// The name used on the command line, in JSON and in the catalog.
    public var name: String {
        switch self {
        case .bits(let method): method.rawValue
        case .features(let method): method.rawValue
        }
    }

    public var description: String { name }

    /// Parses a command-line name; the error lists every valid one.
    public init(parsing text: String) throws(UnknownNameError) {
        let lowered = text.lowercased()
        if let method = HashMethod(rawValue: lowered) {
            self = .bits(method)
        } else if let method = FeatureMethod(rawValue: lowered) {
            self = .features(method)
        } else {
            throw UnknownNameError(kind: "hash method", given: text, valid: Self.allCases.map(\.name))
        }
    }

    /// The largest distance called a duplicate by default: Hamming bits for bit hashes, the
    /// method's own distance for continuous ones. See ``HashMethod/defaultRadius`` and
    /// ``FeatureMethod/defaultThreshold`` for where each value comes from.
    public var defaultThreshold: Double {
        switch self {
        case .bits(let method): Double(method.defaultRadius)
        case .features(let method): method.defaultThreshold
        }
    }

    /// Whether distances are whole numbers of bits.
    public var isBitHash: Bool {
        if case .bits = self { return true }
        return false
    }
}

extension PerceptualMethod: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try PerceptualMethod(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// The value of any perceptual hash, with its method's distance.
public enum PerceptualValue: Sendable, Hashable {
    case bits(BitHash)
    case features(FeatureHash)

    /// Hamming distance for bit hashes, the feature method's own distance otherwise. Both values
    /// must come from the same method.
    public func distance(to other: PerceptualValue) -> Double {
        switch (self, other) {
        case (.bits(let a), .bits(let b)): Double(a.hammingDistance(to: b))
        case (.features(let a), .features(let b)): a.distance(to: b)
        default: preconditionFailure("comparing a bit hash with a continuous hash")
        }
    }
}
