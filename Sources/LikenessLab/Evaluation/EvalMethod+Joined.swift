extension EvalMethod {
    /// The features of ``joined(_:)`` from its parts' features (one array per part, in the parts'
    /// order, each in image order): every part's vector scaled to unit length, then the parts
    /// concatenated. An image missing a part, or with a part of zero length, has no feature.
    public static func join(_ parts: [[[Float]?]]) -> [[Float]?] {
        guard let count = parts.first?.count else { return [] }
        precondition(parts.allSatisfy { $0.count == count }, "joined parts describe different numbers of images")
        return (0..<count).map { i in
            var joined: [Float] = []
            for part in parts {
                guard let vector = part[i] else { return nil }
                let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0, norm.isFinite else { return nil }
                joined += vector.map { $0 / norm }
            }
            return joined
        }
    }
}
