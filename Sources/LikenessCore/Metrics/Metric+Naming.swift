import Foundation

/// The names of metrics as users type them, and the one parser from text.
extension Metric: CustomStringConvertible, Codable {
    /// The canonical name: `cosine`, `dot`, `euclidean`, `sqeuclidean`, `manhattan`, `chebyshev`,
    /// `minkowski:P`, `pearson`, `spearman`, `jaccard`, `hamming`, `chi2`, `emd`.
    public var name: String {
        switch self {
        case .cosine: "cosine"
        case .dot: "dot"
        case .euclidean: "euclidean"
        case .squaredEuclidean: "sqeuclidean"
        case .manhattan: "manhattan"
        case .chebyshev: "chebyshev"
        case .minkowski(let p): "minkowski:\(Self.format(p))"
        case .pearson: "pearson"
        case .spearman: "spearman"
        case .jaccard: "jaccard"
        case .hamming: "hamming"
        case .chiSquare: "chi2"
        case .emd: "emd"
        }
    }

    public var description: String { name }

    /// Every name the parser accepts, aliases after the canonical names.
    public static let validNames = ["cosine", "dot", "euclidean", "sqeuclidean", "manhattan", "chebyshev", "minkowski:P",
                                    "pearson", "spearman", "jaccard", "hamming", "chi2", "emd",
                                    "l2", "l1", "cityblock", "linf", "chi-square"]

    /// Parses a name as typed, case-insensitively: a canonical name or an alias (`l2` for
    /// `euclidean`, `l1` and `cityblock` for `manhattan`, `linf` for `chebyshev`, `chi-square` for
    /// `chi2`), or `minkowski:P` with a finite `P ≥ 1`. An unknown name lists the valid ones.
    public init(parsing text: String) throws(MetricError) {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch name {
        case "cosine": self = .cosine
        case "dot": self = .dot
        case "euclidean", "l2": self = .euclidean
        case "sqeuclidean": self = .squaredEuclidean
        case "manhattan", "l1", "cityblock": self = .manhattan
        case "chebyshev", "linf": self = .chebyshev
        case "pearson": self = .pearson
        case "spearman": self = .spearman
        case "jaccard": self = .jaccard
        case "hamming": self = .hamming
        case "chi2", "chi-square": self = .chiSquare
        case "emd": self = .emd
        default:
            guard name.hasPrefix("minkowski") else { throw .unknownName(given: text, valid: Self.validNames) }
            let rest = name.dropFirst("minkowski".count)
            guard rest.first == ":" || rest.first == "=", let p = Double(rest.dropFirst()) else {
                throw .badParameter(name: "minkowski", value: String(rest), reason: "write the order as minkowski:P, for example minkowski:3")
            }
            self = try .checkedMinkowski(p)
        }
    }

    /// Minkowski of order `p`, refused unless `p` is finite and at least 1.
    public static func checkedMinkowski(_ p: Double) throws(MetricError) -> Metric {
        guard p.isFinite, p >= 1 else {
            throw .badParameter(name: "minkowski p", value: format(p),
                                reason: "must be finite and at least 1 (below 1 the triangle inequality fails; use chebyshev for p = ∞)")
        }
        return .minkowski(p: p)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Metric(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// `3` for 3.0, `2.5` for 2.5.
    static func format(_ p: Double) -> String {
        p.isFinite && p == p.rounded() && abs(p) < 1e15 ? String(Int(p)) : String(p)
    }
}
