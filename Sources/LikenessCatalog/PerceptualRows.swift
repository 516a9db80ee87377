import LikenessCore

/// Perceptual values of several images split by kind, as the stores keep them: bit hashes in one
/// table, continuous hashes in another.
public struct PerceptualRows: Sendable {
    public var bits: [(imageID: Int64, method: HashMethod, hash: BitHash)] = []
    public var features: [(imageID: Int64, feature: FeatureHash)] = []

    /// Splits values of any methods; a value of the other kind than its method is a programming error.
    public init(_ values: [(imageID: Int64, method: PerceptualMethod, value: PerceptualValue)]) {
        for (id, method, value) in values {
            switch (method, value) {
            case (.bits(let method), .bits(let hash)): bits.append((id, method, hash))
            case (.features, .features(let feature)): features.append((id, feature))
            default: preconditionFailure("a \(method.name) value of the other kind")
            }
        }
    }
}
