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
        let rows = PerceptualRows(values)
        try storeHashes(rows.bits)
        try storeFeatures(rows.features)
    }
}
