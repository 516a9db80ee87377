import LikenessCore

extension CatalogStore {
    /// Stored values of any perceptual method for present images, keyed by image id.
    public func perceptualValues(_ method: PerceptualMethod) throws(CatalogError) -> [Int64: PerceptualValue] {
        switch method {
        case .bits(let bits): try hashes(bits).mapValues(PerceptualValue.bits)
        case .features(let features): try self.features(features).mapValues(PerceptualValue.features)
        }
    }

    /// Stores values of any perceptual methods, one transaction per kind.
    public func storePerceptualValues(_ values: [(imageID: Int64, method: PerceptualMethod, value: PerceptualValue)]) throws(CatalogError) {
        var bits: [(imageID: Int64, method: HashMethod, hash: BitHash)] = []
        var features: [(imageID: Int64, feature: FeatureHash)] = []
        for (id, method, value) in values {
            switch (method, value) {
            case (.bits(let method), .bits(let hash)): bits.append((id, method, hash))
            case (.features, .features(let feature)): features.append((id, feature))
            default: preconditionFailure("a \(method.name) value of the other kind")
            }
        }
        try storeHashes(bits)
        try storeFeatures(features)
    }
}
