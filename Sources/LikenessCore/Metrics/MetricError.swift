/// Why a metric cannot compare two vectors, take a parameter, or serve a method's features.
public enum MetricError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A name that is not a metric; `valid` lists the names that are.
    case unknownName(given: String, valid: [String])
    /// A parameter out of its range, named as the user spells it.
    case badParameter(name: String, value: String, reason: String)
    /// The two vectors (or histograms, or hashes) have different lengths.
    case unequalLengths(Int, Int)
    /// The metric needs at least one component.
    case empty(Metric)
    /// A component is NaN or infinite.
    case nonFinite(position: Int)
    /// The metric is defined for non-negative vectors only (Jaccard, χ², EMD).
    case negativeValue(Metric, position: Int, value: Double)
    /// Hamming distance on vectors counts differing 0/1 components; this one is neither 0 nor 1.
    case notBinary(position: Int, value: Double)
    /// Pearson and Spearman correlation are undefined when a vector is constant (zero variance).
    case constantVector
    /// EMD moves one histogram's mass onto the other's: both need the same, positive, total.
    case unequalMass(Double, Double)
    /// A ground-distance matrix for ``Transportation`` that is not `supply × demand` finite,
    /// non-negative values.
    case badGroundDistance(String)
    /// The metric does not fit what a method produces (for example Hamming on float embeddings).
    case doesNotFit(Metric, kind: FeatureKind, method: String)
    /// One vector of a batch (its position in the batch) was refused for this reason.
    indirect case inVector(Int, MetricError)
    /// The index searched failed in its library (``VectorIndexError/backend(library:operation:code:message:)``).
    case index(VectorIndexError)

    public var description: String {
        switch self {
        case let .unknownName(given, valid): "unknown metric '\(given)'; valid: \(valid.joined(separator: ", "))"
        case let .badParameter(name, value, reason): "\(name) \(value): \(reason)"
        case let .unequalLengths(a, b): "the vectors have different lengths (\(a) and \(b))"
        case let .empty(metric): "\(metric.name) needs vectors with at least one component"
        case let .nonFinite(position): "component \(position) is NaN or infinite"
        case let .negativeValue(metric, position, value): "\(metric.name) is defined for non-negative vectors; component \(position) is \(value)"
        case let .notBinary(position, value): "hamming on vectors counts differing 0/1 components; component \(position) is \(value)"
        case .constantVector: "correlation is undefined for a constant vector (zero variance)"
        case .index(let error): error.description
        case let .unequalMass(a, b): "EMD needs histograms of equal, positive mass; these have \(a) and \(b)"
        case let .badGroundDistance(reason): "ground distance: \(reason)"
        case let .doesNotFit(metric, kind, method):
            "\(metric.name) does not fit \(method), whose features are \(kind.description); metrics that fit: "
                + Metric.fitting(kind).map(\.name).joined(separator: ", ")
        case let .inVector(position, reason): "vector \(position): \(reason.description)"
        }
    }
}
