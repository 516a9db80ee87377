/// What a method's features are, as far as metrics care: the domain a ``Metric`` must accept.
///
/// Kinds nest: an ordered histogram is non-negative, a non-negative vector is real. A method
/// declares the narrowest kind it guarantees for every image, so a metric is refused by the
/// method's type, before any image is read (``Metric/fits(_:)``), and not by whichever values a
/// first image happens to hold.
public enum FeatureKind: Sendable, Hashable, CustomStringConvertible {
    /// Real-valued vectors with no further promise (deep embeddings, raw pixels after centring).
    case real
    /// Vectors whose components are never negative (grey levels, counts).
    case nonNegative
    /// Histograms: non-negative, one unit of mass, over bins in a meaningful 1-D order (grey
    /// levels), so the 1-D EMD applies.
    case orderedHistogram
    /// Histograms whose bins have no 1-D order (HSV colour bins): χ² fits, the 1-D EMD does not.
    case histogram
    /// Histograms whose bins have a ground distance but no 1-D order (HSV colour bins placed in
    /// the HSV cone): χ² fits, and EMD through that ground distance (``GroundedEarthMovers``),
    /// which the method supplies.
    case groundedHistogram
    /// Bit strings (perceptual hashes).
    case bits

    public var description: String {
        switch self {
        case .real: "real-valued vectors"
        case .nonNegative: "non-negative vectors"
        case .orderedHistogram: "histograms over ordered bins"
        case .histogram: "histograms over unordered bins"
        case .groundedHistogram: "histograms over bins with a ground distance"
        case .bits: "bit hashes"
        }
    }
}

extension Metric {
    /// True when this metric is defined for every pair of features of `kind`.
    ///
    /// Vector metrics with no domain restriction fit every vector kind; Jaccard and χ² need
    /// non-negative vectors; EMD needs ordered histograms (1-D) or a ground distance; Hamming and Jaccard are the
    /// metrics for bits. (Hamming on vectors, for 0/1 vectors, is served by ``measure(_:_:)`` but
    /// fits no declared vector kind: no method promises 0/1 components.)
    public func fits(_ kind: FeatureKind) -> Bool {
        switch (self, kind) {
        case (.hamming, .bits), (.jaccard, .bits): true
        case (_, .bits): false
        case (.hamming, _): false
        case (.emd, .orderedHistogram), (.emd, .groundedHistogram): true
        case (.emd, _): false
        case (.jaccard, .real), (.chiSquare, .real): false
        case (.jaccard, _), (.chiSquare, _): true
        default: true
        }
    }

    /// Throws ``MetricError/doesNotFit(_:kind:method:)`` unless this metric fits `kind`.
    public func requireFit(_ kind: FeatureKind, method: String) throws(MetricError) {
        guard fits(kind) else { throw .doesNotFit(self, kind: kind, method: method) }
    }

    /// The metrics (Minkowski standing for its family) that fit `kind`.
    public static func fitting(_ kind: FeatureKind) -> [Metric] { allNamed.filter { $0.fits(kind) } }
}
