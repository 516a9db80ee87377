import LikenessCore

/// The closed set of string metrics, parsed once from the names users type.
///
/// Edit distances (``levenshtein``, ``damerauOSA``, ``damerau``, ``hamming``) count operations;
/// the others (``jaro``, ``jaroWinkler``, ``jaccard``) are similarities in [0, 1]. ``TextComparer``
/// turns either kind into one ``TextScore``.
public enum TextMetric: String, CaseIterable, Sendable, Codable {
    /// ``Levenshtein``: insertions, deletions, substitutions.
    case levenshtein
    /// ``OptimalStringAlignment``: restricted Damerau–Levenshtein.
    case damerauOSA = "damerau-osa"
    /// ``DamerauLevenshtein``: unrestricted Damerau–Levenshtein (Lowrance–Wagner).
    case damerau
    /// ``Jaro`` similarity.
    case jaro
    /// ``JaroWinkler`` similarity.
    case jaroWinkler = "jaro-winkler"
    /// ``Hamming`` distance, equal lengths only.
    case hamming
    /// ``ShingleJaccard`` similarity of k-shingle sets.
    case jaccard

    /// Parses a name as typed (`levenshtein`, `damerau-osa`, …); an unknown one lists the valid names.
    public init(parsing name: String) throws(UnknownNameError) {
        guard let metric = TextMetric(rawValue: name.lowercased()) else {
            throw UnknownNameError(kind: "text metric", given: name, valid: TextMetric.allCases.map(\.rawValue))
        }
        self = metric
    }

    /// True for metrics that count edit operations; their ``TextScore/distance`` is that count.
    public var isEditDistance: Bool {
        switch self {
        case .levenshtein, .damerauOSA, .damerau, .hamming: true
        case .jaro, .jaroWinkler, .jaccard: false
        }
    }
}
